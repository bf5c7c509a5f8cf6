// Command thredds-crawl walks a THREDDS catalog tree concurrently
// (thredds.Client.Crawl) and lists every dataset that has an access with
// its OPeNDAP, NetCDF Subset Service (NCSS) and HTTP download URLs:
//
//	out/datasets.csv   one row per dataset: catalog, path, id, size, the three URLs
//
// By default it serves a small synthetic catalog tree embedded from
// testdata/tds (written by internal/gen) on a local HTTP server started by
// the program, so the crawl is real HTTP with no network. With -catalog it
// crawls a real server, and -open opens a dataset through OPeNDAP:
//
//	go run ./examples/thredds-crawl
//	go run ./examples/thredds-crawl -catalog https://thredds.ucar.edu/thredds/catalog/catalog.xml -depth 3 -max 40
//	go run ./examples/thredds-crawl -catalog URL -include '*.nc' -open 'sst_2021*'
package main

//go:generate go run ./internal/gen -out testdata/tds

import (
	"cmp"
	"context"
	"embed"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/insitu-go/insitu/thredds"
)

//go:embed testdata/tds
var tree embed.FS

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, "thredds-crawl:", err)
		os.Exit(1)
	}
}

// row is one dataset found.
type row struct {
	catalog, path, id string
	size              int64
	opendap, ncss     string
	http              string
	ds                *thredds.Dataset
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("thredds-crawl", flag.ContinueOnError)
	catalog := fs.String("catalog", "", "root catalog `URL` to crawl; default: the embedded synthetic tree on a local server")
	concurrency := fs.Int("concurrency", 4, "catalogs fetched at once (be polite with public servers)")
	depth := fs.Int("depth", 0, "deepest catalog level read, the root being 1 (0: no limit but the library's)")
	maxCat := fs.Int("max", 200, "read at most this many catalogs")
	include := fs.String("include", "", "only datasets whose name matches this glob (path.Match syntax)")
	open := fs.String("open", "", "open the first dataset whose name matches this glob through OPeNDAP and list its variables (online, needs cgo and libnetcdf)")
	out := fs.String("out", "out", "output folder")
	quiet := fs.Bool("quiet", false, "no progress spinner")
	timeout := fs.Duration("timeout", time.Minute, "timeout of each request")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *concurrency < 1 || *depth < 0 || *maxCat < 1 {
		return errors.New("-concurrency and -max must be at least 1, -depth at least 0")
	}
	for _, g := range []string{*include, *open} {
		if _, err := path.Match(g, ""); err != nil {
			return fmt.Errorf("bad glob %q: %w", g, err)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	root := *catalog
	if root == "" {
		if *open != "" {
			return errors.New("-open needs a real server (-catalog URL): the embedded tree describes datasets but serves no data")
		}
		srv, err := serveTree()
		if err != nil {
			return err
		}
		defer srv.Close()
		root = srv.URL + "/thredds/catalog/catalog.xml"
		fmt.Fprintf(stdout, "serving the embedded synthetic catalog tree at %s\n", srv.URL)
	}

	client := thredds.NewClient(thredds.WithTimeout(*timeout))
	opts := thredds.CrawlOptions{Concurrency: *concurrency, MaxDepth: *depth, MaxCatalogs: *maxCat, DataOnly: true}
	if *include != "" {
		opts.Include = []string{*include}
	}
	fmt.Fprintf(stdout, "crawling %s (%d catalogs at a time)\n", root, *concurrency)

	var bar *progressbar.ProgressBar
	if !*quiet {
		bar = progressbar.NewOptions(-1, progressbar.OptionSetWriter(os.Stderr), progressbar.OptionSetDescription("datasets"),
			progressbar.OptionShowCount(), progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
	}
	start := time.Now()
	var rows []row
	var failures []string
	catalogs := map[string]bool{}
	for ds, err := range client.Crawl(ctx, root, opts) {
		if err != nil {
			var ce *thredds.CrawlError
			if errors.As(err, &ce) || errors.Is(err, thredds.ErrCrawlLimit) {
				failures = append(failures, err.Error())
				continue
			}
			return err
		}
		r := row{catalog: ds.Catalog.URL, path: strings.Join(ds.Path(), " / "), id: ds.ID, size: ds.DataSize(), ds: ds}
		r.opendap, _ = ds.AccessURL(thredds.ServiceOPENDAP)
		r.ncss, _ = ds.AccessURL("NetcdfSubset")
		r.http, _ = ds.AccessURL("HTTPServer")
		rows = append(rows, r)
		catalogs[ds.Catalog.URL] = true
		if bar != nil {
			bar.Add(1)
		}
	}
	if bar != nil {
		bar.Finish()
	}
	elapsed := time.Since(start)
	if err := ctx.Err(); err != nil {
		return err
	}
	// Datasets of different catalogs arrive in no fixed order.
	slices.SortFunc(rows, func(a, b row) int {
		return cmp.Or(strings.Compare(a.catalog, b.catalog), strings.Compare(a.path, b.path))
	})

	// One block per catalog, datasets in catalog order of their paths.
	last := ""
	for _, r := range rows {
		if r.catalog != last {
			fmt.Fprintf(stdout, "\ncatalog %q  %s\n", r.ds.Catalog.Name, r.catalog)
			last = r.catalog
		}
		size := ""
		if r.size > 0 {
			size = " (" + human(r.size) + ")"
		}
		fmt.Fprintf(stdout, "  %s%s\n", r.path, size)
		for _, u := range []struct{ name, url string }{{"OPeNDAP", r.opendap}, {"NCSS", r.ncss}, {"HTTP", r.http}} {
			if u.url != "" {
				fmt.Fprintf(stdout, "      %-8s %s\n", u.name, u.url)
			}
		}
		// Other services (WMS, Resolver, ...) by their type.
		for _, a := range r.ds.Access() {
			switch a.ServiceType {
			case thredds.ServiceOPENDAP, "NetcdfSubset", "HTTPServer":
			default:
				fmt.Fprintf(stdout, "      %-8s %s\n", a.ServiceType, a.URL)
			}
		}
	}
	fmt.Fprintln(stdout)
	for _, f := range failures {
		fmt.Fprintln(stdout, "error:", f)
	}
	fmt.Fprintf(stdout, "%d datasets with an access in %d catalogs; catalogs that failed: %d (%s)\n",
		len(rows), len(catalogs), len(failures), elapsed.Round(time.Millisecond))

	if len(rows) == 0 {
		return errors.New("no dataset with an access found")
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	p := filepath.Join(*out, "datasets.csv")
	if err := writeCSV(p, rows); err != nil {
		return fmt.Errorf("writing %s: %w", p, err)
	}
	fmt.Fprintln(stdout, "wrote", p)

	if *open != "" {
		return openOne(stdout, rows, *open)
	}
	return nil
}

// serveTree starts a local HTTP server on the embedded catalog tree.
func serveTree() (*httptest.Server, error) {
	sub, err := fs.Sub(tree, "testdata/tds")
	if err != nil {
		return nil, err
	}
	return httptest.NewServer(http.FileServerFS(sub)), nil
}

// human writes a byte count with a decimal unit, as catalogs give them.
func human(n int64) string {
	switch {
	case n >= 1e9:
		return strconv.FormatFloat(float64(n)/1e9, 'f', 1, 64) + " GB"
	case n >= 1e6:
		return strconv.FormatFloat(float64(n)/1e6, 'f', 1, 64) + " MB"
	case n >= 1e3:
		return strconv.FormatFloat(float64(n)/1e3, 'f', 1, 64) + " kB"
	}
	return strconv.FormatInt(n, 10) + " B"
}

func writeCSV(p string, rows []row) error {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	w.Write([]string{"catalog", "path", "id", "size_bytes", "opendap", "ncss", "http"})
	for _, r := range rows {
		w.Write([]string{r.catalog, r.path, r.id, strconv.FormatInt(r.size, 10), r.opendap, r.ncss, r.http})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// openOne opens the first dataset whose name matches glob through OPeNDAP
// and lists its dimensions and variables.
func openOne(w io.Writer, rows []row, glob string) error {
	for _, r := range rows {
		if ok, _ := path.Match(glob, r.ds.Name); !ok || r.opendap == "" {
			continue
		}
		fmt.Fprintf(w, "\nopening %s\n", r.opendap)
		d, err := thredds.OpenDataset(r.ds)
		if err != nil {
			return err
		}
		defer d.Close()
		for _, dim := range d.Dims() {
			fmt.Fprintf(w, "  dimension %s = %d\n", dim.Name, dim.Len)
		}
		for _, v := range d.Vars() {
			fmt.Fprintf(w, "  variable  %s%v\n", v.Name, v.Dims)
		}
		return nil
	}
	return fmt.Errorf("-open: no dataset with an OPeNDAP access matches %q", glob)
}
