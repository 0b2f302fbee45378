// Command classweights is the class weight calculator. Built for
// GOOS=js GOARCH=wasm it is the page that runs in the browser; built natively
// it serves that page, writes it as a static site, and computes weights on the
// command line.
package main

import (
	"os"

	"classweights/app"

	goapp "github.com/maxence-charriere/go-app/v9/pkg/app"
)

func main() {
	registerRoutes()
	goapp.RunWhenOnBrowser()
	os.Exit(runCommand(os.Args[1:], os.Stdout, os.Stderr))
}

// registerRoutes tells go-app which component each path shows, in the browser
// and on the server alike.
func registerRoutes() {
	goapp.Route("/", &app.Calculator{})
}
