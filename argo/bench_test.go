package argo

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/insitu-go/insitu/internal/nc"
	"github.com/insitu-go/insitu/internal/testutil"
)

// singleCycleFiles lists the real classic single-cycle profile files (core,
// B and S), the set ../shared/bench/xarray_profiles.py reads too.
func singleCycleFiles(tb testing.TB) []string {
	var out []string
	root := testutil.RealData(tb, "argo")
	filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if fileNameRE.MatchString(filepath.Base(path)) {
			out = append(out, path)
		}
		return nil
	})
	return out
}

func readAllFiles(b *testing.B, files []string) (profiles, levels int) {
	for _, path := range files {
		ps, err := ReadProfiles(path)
		if err != nil {
			b.Fatal(err)
		}
		profiles += len(ps)
		for _, p := range ps {
			levels += p.Levels()
		}
	}
	return profiles, levels
}

// BenchmarkReadProfiles reads every real single-cycle profile file, the
// real multi-profile files, and the single-cycle files 30 times over on two
// goroutines (about 600 opens, like xarray_profiles.py --copies 30).
func BenchmarkReadProfiles(b *testing.B) {
	single := singleCycleFiles(b)
	multi := []string{
		testutil.RealData(b, "argo/euroargodev__argopy-data/5900865_prof.nc"),
		testutil.RealData(b, "argo/euroargodev__argopy-data/13857_prof.nc"),
		testutil.RealData(b, "argo/ArgoCanada__argodata/2900313_prof.nc"),
	}
	run := func(name string, files []string) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			var np int
			for b.Loop() {
				np, _ = readAllFiles(b, files)
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(files)), "µs/file")
			b.ReportMetric(float64(np*b.N)/b.Elapsed().Seconds(), "profiles/s")
		})
	}
	run("single", single)
	run("multi", multi)
	b.Run("single-x30-2goroutines", func(b *testing.B) {
		var work []string
		for range 30 {
			work = append(work, single...)
		}
		b.ReportAllocs()
		for b.Loop() {
			var wg sync.WaitGroup
			for g := range 2 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					var mine []string
					for i := g; i < len(work); i += 2 {
						mine = append(mine, work[i])
					}
					readAllFiles(b, mine)
				}()
			}
			wg.Wait()
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(work)), "µs/file")
	})
}

// BenchmarkLibnetcdfSameFiles reads the variables ReadProfiles reads (every
// variable) from the same single-cycle files through libnetcdf: the bound
// the issue sets is ReadProfiles within 2x of this.
func BenchmarkLibnetcdfSameFiles(b *testing.B) {
	single := singleCycleFiles(b)
	if _, err := nc.OpenClassicWithLibrary(single[0]); err != nil {
		b.Skip(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, path := range single {
			f, err := nc.OpenClassicWithLibrary(path)
			if err != nil {
				b.Fatal(err)
			}
			for _, v := range f.Vars {
				if v.Type == nc.Char {
					f.Bytes(v.Name)
				} else {
					f.Float64s(v.Name)
				}
			}
			f.Close()
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(single)), "µs/file")
}

// The files the benchmarks read, for the Python side (see BENCHMARKS.md).
func TestListBenchFiles(t *testing.T) {
	if os.Getenv("INSITU_LIST_BENCH_FILES") == "" {
		t.Skip("set INSITU_LIST_BENCH_FILES=1 to print the single-cycle files")
	}
	t.Log(strings.Join(singleCycleFiles(t), " "))
}
