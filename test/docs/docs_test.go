// Package docs checks the book: every page is reachable from SUMMARY.md and every relative link resolves.
package docs

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

// linkPattern matches Markdown links and images: [text](target) and ![alt](target).
var linkPattern = regexp.MustCompile(`\]\(([^)\s]+)(?:\s+"[^"]*")?\)`)

// codePattern matches fenced and inline code, where brackets are not links.
var codePattern = regexp.MustCompile("(?s)```.*?```|`[^`\n]*`")

func bookDir() string { return filepath.Join(testenv.RepoRoot(), "docs", "book", "src") }

func links(t *testing.T, file string) []string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	text := codePattern.ReplaceAllString(string(b), "")
	var out []string
	for _, m := range linkPattern.FindAllStringSubmatch(text, -1) {
		out = append(out, m[1])
	}
	return out
}

func isRelative(target string) bool {
	return !strings.Contains(target, "://") && !strings.HasPrefix(target, "mailto:") && !strings.HasPrefix(target, "#")
}

func markdownFiles(t *testing.T, root string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".md") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestEveryPageIsInSummary(t *testing.T) {
	g := NewWithT(t)
	summary := filepath.Join(bookDir(), "SUMMARY.md")
	linked := map[string]bool{}
	for _, l := range links(t, summary) {
		linked[filepath.Clean(filepath.Join(bookDir(), strings.SplitN(l, "#", 2)[0]))] = true
	}
	var orphans []string
	for _, f := range markdownFiles(t, bookDir()) {
		if f != summary && !linked[f] {
			orphans = append(orphans, strings.TrimPrefix(f, bookDir()+"/"))
		}
	}
	g.Expect(orphans).To(BeEmpty(), "pages not linked from SUMMARY.md")
}

func TestRelativeLinksResolve(t *testing.T) {
	g := NewWithT(t)
	files := markdownFiles(t, bookDir())
	files = append(files, filepath.Join(testenv.RepoRoot(), "README.md"))
	var broken []string
	for _, f := range files {
		for _, l := range links(t, f) {
			if !isRelative(l) {
				continue
			}
			target := filepath.Join(filepath.Dir(f), strings.SplitN(l, "#", 2)[0])
			if _, err := os.Stat(target); err != nil {
				broken = append(broken, strings.TrimPrefix(f, testenv.RepoRoot()+"/")+": "+l)
			}
		}
	}
	g.Expect(broken).To(BeEmpty(), "relative links that do not resolve")
}

func TestLinkExtraction(t *testing.T) {
	g := NewWithT(t)
	f := filepath.Join(t.TempDir(), "page.md")
	text := "See [a](./a.md), ![img](pic.png \"title\") and [web](https://example.com).\n" +
		"```\n[not](a-link.md)\n```\nInline `[nor](this.md)`.\n"
	g.Expect(os.WriteFile(f, []byte(text), 0o600)).To(Succeed())
	g.Expect(links(t, f)).To(Equal([]string{"./a.md", "pic.png", "https://example.com"}))
	g.Expect(isRelative("./a.md")).To(BeTrue())
	g.Expect(isRelative("https://example.com")).To(BeFalse())
	g.Expect(isRelative("#anchor")).To(BeFalse())
}
