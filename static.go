//go:build !wasm

package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	goapp "github.com/maxence-charriere/go-app/v9/pkg/app"
)

func staticCommand(args []string, stderr io.Writer) error {
	flags := newFlagSet("static", stderr)
	out := flags.String("out", "", "`directory` to write the site into (required)")
	base := flags.String("base", "/", "URL `path` the site is served under, such as /weights/")
	if err := parseFlags(flags, args); err != nil {
		return err
	}
	if *out == "" {
		fmt.Fprintln(stderr, "classweights static: --out is required")
		return errUsage
	}
	if err := writeStaticSite(*out, *base); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "wrote the static site to %s, to be served under %s\n", *out, *base)
	return nil
}

// writeStaticSite writes the prerendered page, go-app's scripts and the web
// files into dir, for a host that serves dir under the URL path base.
func writeStaticSite(dir, base string) error {
	if err := checkWasm(); err != nil {
		return err
	}
	h, err := newHandler(base)
	if err != nil {
		return err
	}
	if err := goapp.GenerateStaticWebsite(dir, h); err != nil {
		return fmt.Errorf("static: generating the pages: %w", err)
	}
	return copyWebFiles(dir)
}

// copyWebFiles copies the embedded web/ directory into dir/web.
func copyWebFiles(dir string) error {
	return fs.WalkDir(webFS, "web", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(path))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := webFS.ReadFile(path)
		if err != nil {
			return err
		}
		if err := os.WriteFile(target, data, 0o644); err != nil {
			return fmt.Errorf("static: %w", err)
		}
		return nil
	})
}
