package nc

import (
	"os"
	"sync"
	"testing"

	"github.com/insitu-go/insitu/internal/testutil"
)

// Sixteen goroutines open and read the same files at once: a NetCDF-4 file
// through libnetcdf (serialised by the package lock) and a classic file (no
// lock), from a path and from memory, sharing one File too. Run with -race.
func TestConcurrentOpenRead(t *testing.T) {
	sprof := testutil.RealData(t, "argo/ArgoCanada__argodata/2902746_Sprof.nc")
	core := testutil.RealData(t, "argo/euroargodev__argopy-data/D3902131_001.nc")
	coreBytes, err := os.ReadFile(core)
	if err != nil {
		t.Fatal(err)
	}
	shared, err := Open(core)
	if err != nil {
		t.Fatal(err)
	}
	defer shared.Close()
	want, _ := shared.Float64s("TEMP")

	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 5 {
				if g%2 == 0 && !cgoDisabled() {
					f, err := Open(sprof)
					if err != nil {
						errs <- err
						return
					}
					if _, err := f.Float64s("DOXY_ADJUSTED"); err != nil {
						errs <- err
					}
					if _, err := f.Strings("PLATFORM_NUMBER"); err != nil {
						errs <- err
					}
					f.Close()
				}
				f, err := OpenBytes("core", coreBytes)
				if err != nil {
					errs <- err
					return
				}
				got, err := f.Float64s("TEMP")
				if err != nil || !sameFloats(got, want) {
					t.Errorf("goroutine %d: TEMP differs (%v)", g, err)
				}
				if got, _ := shared.Float64s("TEMP"); !sameFloats(got, want) {
					t.Errorf("goroutine %d: shared TEMP differs", g)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
