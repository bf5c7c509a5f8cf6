// Package testutil holds helpers shared by the tests of insitu's packages:
// locating the real data recorded in ../shared/realdata and the module root.
package testutil

import (
	"os"
	"path/filepath"
	"testing"
)

// ModuleRoot returns the directory holding go.mod, searched upward from the
// working directory (a package's directory under go test).
func ModuleRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("testutil: go.mod not found above the working directory")
		}
		dir = parent
	}
}

// RealData returns the real-data folder named by INSITU_REALDATA (a relative
// path is taken from the module root, as .ci/run sets it), joined with the
// given path elements. The test is skipped when INSITU_REALDATA is unset and
// fails when it is set but the folder (or the joined path) is missing.
func RealData(t testing.TB, elem ...string) string {
	t.Helper()
	root := os.Getenv("INSITU_REALDATA")
	if root == "" {
		t.Skip("INSITU_REALDATA is unset: skipping the tests on real recorded data (set it to ../shared/realdata)")
	}
	if !filepath.IsAbs(root) {
		root = filepath.Join(ModuleRoot(t), root)
	}
	p := filepath.Join(append([]string{root}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("INSITU_REALDATA is set but %s is missing: %v", p, err)
	}
	return p
}

// Testdata returns a path under the module's testdata folder.
func Testdata(t testing.TB, elem ...string) string {
	t.Helper()
	return filepath.Join(append([]string{ModuleRoot(t), "testdata"}, elem...)...)
}
