//go:build !wasm

package main

import (
	"fmt"
	"io"
	"strings"
)

const usage = `classweights computes class weights for imbalanced classification.

Usage:
  classweights [serve] [--addr 127.0.0.1:8000]
      serve the calculator page
  classweights static --out DIR [--base PATH]
      write the page as a static site into DIR, to be served under PATH
  classweights weights --counts 240,38 [--labels neg,pos] [--json] ...
  classweights weights --input FILE|- [--json] ...
      print the weights of each class under every scheme, and derived values
  classweights count [--column NAME|N] [--delimiter C] [--multi-label COL,COL]
                     [--json] FILE...
      count the labels of CSV or TSV files, and print the link to their weights

Run "classweights COMMAND --help" for the options of a command.
`

// runCommand runs the subcommand that args name and returns the exit status.
func runCommand(args []string, stdout, stderr io.Writer) int {
	name := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}

	var err error
	switch name {
	case "serve":
		err = serveCommand(args, stderr)
	case "static":
		err = staticCommand(args, stderr)
	case "weights":
		err = weightsCommand(args, stdout, stderr)
	case "count":
		err = countCommand(args, stdout, stderr)
	case "help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "classweights: unknown command %q\n\n%s", name, usage)
		return 2
	}
	if err == errUsage {
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, "classweights:", err)
		return 1
	}
	return 0
}
