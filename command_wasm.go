//go:build wasm

package main

import "io"

// runCommand is never reached in the browser, where RunWhenOnBrowser does not
// return; the commands and the server are left out of the WebAssembly build.
func runCommand([]string, io.Writer, io.Writer) int { return 0 }
