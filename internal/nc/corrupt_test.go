package nc

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/insitu-go/insitu/internal/testutil"
)

// corruptions returns n corrupted variants of data: truncations at random
// bytes, bursts of bit flips in the header region, flips anywhere (unless
// headerOnly), and the empty file. The generator is seeded so failures
// reproduce.
func corruptions(data []byte, n int, seed uint64, headerOnly bool) [][]byte {
	rng := rand.New(rand.NewPCG(seed, 42))
	out := [][]byte{{}}
	kinds := 3
	if headerOnly {
		kinds = 2
	}
	for len(out) < n {
		switch len(out) % kinds {
		case 0:
			out = append(out, data[:rng.IntN(len(data))])
		case 1:
			b := bytes.Clone(data)
			hdr := min(len(b), 4096)
			for range 8 {
				i := rng.IntN(hdr)
				b[i] ^= 1 << rng.IntN(8)
			}
			out = append(out, b)
		default:
			b := bytes.Clone(data)
			for range 1 + rng.IntN(4) {
				i := rng.IntN(len(b))
				b[i] ^= 1 << rng.IntN(8)
			}
			out = append(out, b)
		}
	}
	return out
}

// Thousands of truncated, bit-flipped and empty versions of the real
// single-cycle classic files, opened one after another in this process
// through the dispatching entry points, give errors or values, never a
// crash. (libnetcdf 4.9.0 segfaults on the same loop: netcdf-notes.md.)
func TestCorruptedRealClassicFiles(t *testing.T) {
	files := realNetCDF(t)
	var singles []string
	for _, path := range sortedKeys(files) {
		base := filepath.Base(path)
		if files[path] == Classic && !strings.Contains(base, "_prof") && !strings.Contains(base, "traj") && !strings.Contains(base, "tech") && strings.Contains(path, "argo") {
			singles = append(singles, path)
		}
	}
	if len(singles) < 20 {
		t.Fatalf("only %d single-cycle classic files", len(singles))
	}
	var variants, opened int
	dir := t.TempDir()
	for i, path := range singles {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for j, b := range corruptions(data, 120, uint64(i), false) {
			variants++
			if readAll(t, OpenBytes, b) {
				opened++
			}
			if j%10 == 0 { // the path-based entry point, through an os.File
				p := filepath.Join(dir, "c.nc")
				if err := os.WriteFile(p, b, 0o644); err != nil {
					t.Fatal(err)
				}
				readAll(t, func(string, []byte) (*File, error) { return Open(p) }, nil)
			}
		}
	}
	t.Logf("%d corrupted variants of %d files: %d opened (bit flips in data or attribute values), %d refused", variants, len(singles), opened, variants-opened)
	if variants < 2000 {
		t.Errorf("only %d variants", variants)
	}
}

// Truncated NetCDF-4 files are refused by the superblock check, and files
// with bit flips in their first 4 KiB (superblock, root object header: HDF5
// checksums them) by libnetcdf with an error; in-memory opens use
// MEMIO_LOCKED so a failed open does not double free.
//
// Bit flips deeper in an HDF5 file (v1 B-tree nodes, heaps: metadata that
// HDF5 1.10 does not checksum) can still crash HDF5 inside libnetcdf; that is
// a known limit of the cgo path, see the package documentation.
func TestCorruptedNetCDF4(t *testing.T) {
	if cgoDisabled() {
		t.Skip("netCDF-4 needs cgo")
	}
	data, err := os.ReadFile(testutil.RealData(t, "argo/ArgoCanada__argodata/2902746_Sprof.nc"))
	if err != nil {
		t.Fatal(err)
	}
	for n := 0; n < len(data); n += len(data) / 50 {
		if f, err := OpenBytes("trunc.nc", data[:n]); err == nil {
			f.Close()
			t.Errorf("truncated to %d bytes: opened", n)
		}
	}
	for _, b := range corruptions(data, 300, 7, true) {
		readAll(t, OpenBytes, b)
	}
}
