// Command coversummary prints statement coverage per top-level directory and in total from a Go coverage
// profile, counting each block once however many test binaries reported it.
package main

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
)

const modulePrefix = "github.com/oracle/cluster-api-provider-oci/"

type block struct {
	stmts   int
	covered bool
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: coversummary <coverage profile>")
		os.Exit(2)
	}
	blocks, err := readProfile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "coversummary:", err)
		os.Exit(1)
	}
	total, covered := map[string]int{}, map[string]int{}
	for key, b := range blocks {
		for _, k := range []string{topDir(key), groupOf(topDir(key))} {
			total[k] += b.stmts
			if b.covered {
				covered[k] += b.stmts
			}
		}
	}
	dirs := make([]string, 0, len(total))
	for d := range total {
		if d != providerTotal && d != otherTotal {
			dirs = append(dirs, d)
		}
	}
	sort.Strings(dirs)
	for _, d := range append(dirs, otherTotal, providerTotal) {
		if total[d] > 0 {
			fmt.Printf("  %-58s %6.1f%% of %d statements\n", d+":", percent(covered[d], total[d]), total[d])
		}
	}
}

const (
	providerTotal = "total of api, exp, cloud, controllers, webhooks"
	otherTotal    = "total of the rest (internal)"
)

// groupOf returns the total a top-level directory counts towards.
func groupOf(dir string) string {
	switch dir {
	case "api", "exp", "cloud", "controllers", "webhooks":
		return providerTotal
	default:
		return otherTotal
	}
}

func percent(covered, total int) float64 {
	if total == 0 {
		return 0
	}
	return 100 * float64(covered) / float64(total)
}

// topDir returns the first directory of the block's file below the module root.
func topDir(key string) string {
	path := strings.TrimPrefix(key, modulePrefix)
	if i := strings.Index(path, "/"); i > 0 {
		return path[:i]
	}
	return path
}

func readProfile(name string) (map[string]*block, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("opening profile: %w", err)
	}
	defer f.Close()
	blocks := map[string]*block{}
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		line := scanner.Text()
		if strings.HasPrefix(line, "mode:") || line == "" {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) != 3 {
			return nil, fmt.Errorf("malformed profile line %q", line)
		}
		stmts, err1 := strconv.Atoi(fields[1])
		count, err2 := strconv.Atoi(fields[2])
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("malformed counts in profile line %q", line)
		}
		b, ok := blocks[fields[0]]
		if !ok {
			b = &block{stmts: stmts}
			blocks[fields[0]] = b
		}
		b.covered = b.covered || count > 0
	}
	if err := scanner.Err(); err != nil {
		return nil, fmt.Errorf("reading profile: %w", err)
	}
	return blocks, nil
}
