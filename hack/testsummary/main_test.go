package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const events = `{"Action":"start","Package":"p"}
{"Action":"run","Package":"p","Test":"TestA"}
{"Action":"output","Package":"p","Test":"TestA","Output":"=== RUN   TestA\n"}
{"Action":"pass","Package":"p","Test":"TestA"}
{"Action":"run","Package":"p","Test":"TestB"}
{"Action":"output","Package":"p","Test":"TestB","Output":"    b_test.go:9: boom\n"}
{"Action":"fail","Package":"p","Test":"TestB"}
{"Action":"skip","Package":"p","Test":"TestC"}
{"Action":"run","Package":"p","Test":"TestD/sub"}
{"Action":"pass","Package":"p","Test":"TestD/sub"}
{"Action":"output","Package":"p","Output":"FAIL\tp\t0.1s\n"}
{"Action":"fail","Package":"p"}
{"Action":"output","Package":"q","Output":"PASS\n"}
{"Action":"output","Package":"q","Output":"coverage: 1.0% of statements\n"}
{"Action":"output","Package":"q","Output":"ok  \tq\t0.1s\tcoverage: 1.0% "}
{"Action":"output","Package":"q","Output":"of statements in example.com/q, example.com/r\n"}
{"Action":"pass","Package":"q"}
`

func TestStreamPrintsPackageResultsAndFailedTestsOnly(t *testing.T) {
	file := filepath.Join(t.TempDir(), "events.json")
	var out bytes.Buffer
	if err := stream(strings.NewReader(events), &out, file); err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), "    b_test.go:9: boom\nFAIL\tp\t0.1s\nok  \tq\t0.1s\tcoverage: 1.0% of statements\n"; got != want {
		t.Errorf("printed %q, want %q", got, want)
	}
	copied, err := os.ReadFile(file)
	if err != nil || string(copied) != events {
		t.Errorf("the events were not copied to the file whole: %v", err)
	}
}

func TestCountPrintsTheClosingLineAndFailsOnFailures(t *testing.T) {
	for _, tc := range []struct {
		name, events, line string
		code               int
	}{
		{"failures", events, "tests: 2 passed, 1 failed, 1 skipped\n", 1},
		{"all passed", `{"Action":"pass","Package":"p","Test":"TestA"}` + "\n" + `{"Action":"pass","Package":"p"}`, "tests: 1 passed, 0 failed\n", 0},
		{"nothing ran", `{"Action":"pass","Package":"p"}`, "tests: 0 passed, 0 failed\n", 1},
		{"build failure", `{"Action":"pass","Package":"p","Test":"TestA"}` + "\n" + `{"Action":"fail","Package":"q"}`, "tests: 1 passed, 0 failed\n", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "events.json")
			if err := os.WriteFile(file, []byte(tc.events), 0o600); err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			code, err := count(&out, file)
			if err != nil {
				t.Fatal(err)
			}
			if out.String() != tc.line || code != tc.code {
				t.Errorf("got %q, exit %d; want %q, exit %d", out.String(), code, tc.line, tc.code)
			}
		})
	}
}
