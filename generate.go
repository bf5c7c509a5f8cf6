package insitu

// The mini GDAC under testdata/gdac (synthetic Argo floats and index files
// used by the tests) and the ERDDAP table of the same profiles under
// testdata/erddap are written by internal/gen/gdac; regenerate it with
// `go generate` from the module root (needs cgo and libnetcdf).
//go:generate go run ./internal/gen/gdac -out testdata/gdac -erddap testdata/erddap
