package nc

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// addSeeds adds the encoder-built files and, when INSITU_REALDATA points at
// the real data, a few real classic files (read in place, never copied).
func addSeeds(f *testing.F) {
	for _, v := range []byte{1, 2, 5} {
		f.Add(sample(v).encode())
	}
	f.Add([]byte("CDF\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"))
	if root := os.Getenv("INSITU_REALDATA"); root != "" {
		if !filepath.IsAbs(root) {
			root = filepath.Join("..", "..", root)
		}
		for _, name := range []string{"argo/euroargodev__argopy-data/D5900865_001.nc", "argo/euroargodev__argopy-data/BD3902131_001.nc", "argo/euroargodev__argopy-data/5900865_meta.nc"} {
			if b, err := os.ReadFile(filepath.Join(root, name)); err == nil {
				f.Add(b)
			}
		}
	}
}

// FuzzClassic feeds arbitrary bytes to the pure-Go classic decoder through
// an io.ReaderAt: it must return an error or values of the declared shapes,
// never panic.
func FuzzClassic(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := NewReader(bytes.NewReader(data), int64(len(data)), "fuzz.nc")
		if err != nil {
			return
		}
		readVars(t, file)
	})
}

// FuzzOpenBytes feeds arbitrary bytes to the dispatching entry point. HDF5
// inputs are skipped: libnetcdf is outside what Go can make memory-safe
// (see TestCorruptedNetCDF4), and the fuzzer would find HDF5's bugs, not ours.
func FuzzOpenBytes(f *testing.F) {
	addSeeds(f)
	f.Add([]byte("\x89HDF\r\n\x1a\n\x02\x08\x08\x00"))
	f.Add([]byte("<html>error</html>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if Sniff(data[:min(len(data), 8)]) == NetCDF4 {
			if err := checkHDF5("fuzz", data[:min(len(data), 128)], int64(len(data))); err == nil {
				return // would reach libnetcdf
			}
		}
		readAll(t, OpenBytes, data)
	})
}
