package nc

import (
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// singleCycleFiles lists the real single-cycle classic Argo profile files.
func singleCycleFiles(b *testing.B) []string {
	files := realNetCDF(b)
	var out []string
	for _, path := range sortedKeys(files) {
		base := filepath.Base(path)
		if files[path] == Classic && strings.Contains(path, "argo") && !strings.Contains(base, "_") {
			continue // hash-named ERDDAP responses and others without a cycle
		}
		if files[path] == Classic && strings.Contains(path, "/argo/") && !strings.Contains(base, "_prof") &&
			!strings.Contains(base, "traj") && !strings.Contains(base, "tech") && !strings.Contains(base, "meta") {
			out = append(out, path)
		}
	}
	return out
}

// decodeAll opens each file and reads every variable.
func decodeAll(b *testing.B, files []string, open func(string) (*File, error)) {
	for _, path := range files {
		f, err := open(path)
		if err != nil {
			b.Fatal(err)
		}
		for _, v := range f.Vars {
			if _, err := f.Values(v.Name); err != nil {
				b.Fatal(err)
			}
		}
		f.Close()
	}
}

// decodeParallel splits the files between two goroutines.
func decodeParallel(b *testing.B, files []string, open func(string) (*File, error)) {
	var wg sync.WaitGroup
	for g := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []string
			for i := g; i < len(files); i += 2 {
				mine = append(mine, files[i])
			}
			decodeAll(b, mine, open)
		}()
	}
	wg.Wait()
}

// BenchmarkDecodeSingleCycle decodes every real single-cycle classic file
// (open + read all variables) per iteration, with the pure-Go decoder and
// with libnetcdf, on one goroutine and on two.
func BenchmarkDecodeSingleCycle(b *testing.B) {
	files := singleCycleFiles(b)
	b.Logf("%d files", len(files))
	run := func(name string, open func(string) (*File, error), parallel bool) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if parallel {
					decodeParallel(b, files, open)
				} else {
					decodeAll(b, files, open)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(files)), "µs/file")
		})
	}
	run("go/serial", Open, false)
	run("go/2goroutines", Open, true)
	if !cgoDisabled() {
		run("libnetcdf/serial", OpenClassicWithLibrary, false)
		run("libnetcdf/2goroutines", OpenClassicWithLibrary, true)
	}
}
