package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// The committed catalogs are what the generator writes, and nothing else
// is in the tree.
func TestCommittedFiles(t *testing.T) {
	want := generate()
	root := filepath.Join("..", "..", "testdata", "tds")
	seen := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		body, ok := want[filepath.ToSlash(rel)]
		if !ok {
			t.Errorf("testdata/tds/%s is not written by the generator", rel)
			return nil
		}
		seen++
		got, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if string(got) != body {
			t.Errorf("testdata/tds/%s differs from the generator's output: run go generate in examples/thredds-crawl", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen != len(want) || seen != 5 {
		t.Errorf("%d committed catalogs, generator writes %d (want 5)", seen, len(want))
	}
}
