// Package insitu is the root of an importable Go library for in-situ ocean
// data: Argo float profiles from a GDAC or an ERDDAP server, any ERDDAP or
// THREDDS data server, the geometry of sea areas and sampling sites, and the
// statistics that come after. It gathers what a Python user stitches together
// from argopy, erddapy, siphon, netCDF4/xarray, shapely and scipy, as plain
// packages that compose.
//
// This root package holds no code; the work is in the packages below.
//
// # Packages
//
//	argo     Argo files (profile R/D/B/S, multi-profile, meta, trajectory, tech),
//	         QC flags, data modes, user modes, GDAC index files, GDAC and ERDDAP sources
//	erddap   ERDDAP client: search, info, tabledap and griddap queries, typed tables,
//	         streaming rows, typed errors
//	thredds  THREDDS client: catalogs, crawling, NCSS, HTTPServer and OPeNDAP access
//	geo      regions (antimeridian boxes, polygons, circles), point filters,
//	         distances, spatial index, space-time matchups, GeoJSON, gridding
//	stats    correlation (Pearson, Spearman, Kendall tau-b) with p-values and
//	         intervals, matrices, regression, binned statistics, interpolation
//
// Arrows point one way: geo, stats and erddap know nothing of Argo; argo uses
// geo and erddap. All NetCDF input and output goes through one internal
// package (internal/nc). Runnable programs for the common jobs are under
// examples/ (quickstart, iroise-correlation, sampling-map, erddap-explore,
// thredds-crawl, ts-diagram).
//
// A few lines per package:
//
//	// argo: profiles of a region and period from a GDAC (HTTPS or a local
//	// mirror), with argopy's standard user mode; argo.NewERDDAP is the same
//	// Source over an ERDDAP server
//	gdac, err := argo.NewGDAC("https://data-argo.ifremer.fr")
//	q := argo.Query{Region: geo.Box(-12, 44, -2, 50), Start: t0, End: t1, Mode: argo.Standard}
//	for p, err := range gdac.Profiles(ctx, q) {
//		temp, qc, _ := p.Param("TEMP").Best()
//		...
//	}
//
//	// erddap: any tabledap subset as a typed table
//	c, err := erddap.NewClient("https://erddap.ifremer.fr/erddap")
//	tq := erddap.NewTableQuery("ArgoFloats").Select("time", "latitude", "longitude", "pres", "temp").
//		Where("platform_number", "=", "6902746").Where("time", ">=", t0)
//	t, err := c.Table(ctx, tq)
//	temps := t.Float64s("temp") // NaN for missing
//
//	// thredds: every dataset of a catalog tree with its access URLs
//	for ds, err := range thredds.NewClient().Crawl(ctx, catalogURL, thredds.CrawlOptions{MaxDepth: 3}) {
//		u, ok := ds.AccessURL("OPENDAP")
//		...
//	}
//
//	// geo: keep the points inside the Iroise Sea
//	iroise := geo.Box(-5.5, 48.0, -4.4, 48.7)
//	inside := geo.Filter(points, iroise)
//
//	// stats: is fish length correlated with water temperature?
//	corr, err := stats.Spearman(length, temperature)
//	fmt.Printf("rho=%.2f p=%.3g 95%% CI [%.2f, %.2f] n=%d\n", corr.R, corr.P, corr.Lo, corr.Hi, corr.N)
//
// # Rules every user should know
//
//   - Missing numbers are NaN, never 99999 or another fill value; missing
//     times are the zero time.Time; times are UTC.
//   - One bound rule everywhere: space is closed (min <= x <= max), time is
//     half-open (start <= t < end), pressure is closed. A box whose west edge
//     is greater than its east edge crosses the antimeridian.
//   - Anything that can be large (index files, ERDDAP rows, catalog crawls,
//     GDAC fetches) is streamed as an iter.Seq2[T, error]; slices sit on top.
//   - Every network call takes a context.Context first and an injectable
//     *http.Client; there is no package-level client or other global state.
//   - Errors are prefixed with their package ("argo: ...") and wrap causes;
//     branch on sentinels and typed errors with errors.Is and errors.As.
//   - Bad input never crashes the caller: corrupt files, truncated responses
//     and HTML error pages give typed errors.
//
// # cgo and libnetcdf
//
// Classic NetCDF (CDF-1, CDF-2, CDF-5), the format of nearly every Argo and
// ERDDAP file, is decoded in pure Go: it needs no C library, takes no lock and
// decodes on all cores. NetCDF-4/HDF5 files (such as the Argo _Sprof.nc
// files), OPeNDAP access and writing NetCDF go through libnetcdf with cgo
// (github.com/fhs/go-netcdf): install libnetcdf-dev (Debian, Ubuntu) or
// netcdf (Homebrew). Every package builds with CGO_ENABLED=0; in that build
// the functions that need libnetcdf return an error wrapping nc.ErrNoNetCDF.
package insitu
