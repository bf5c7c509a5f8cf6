// Package thredds is a client for THREDDS data servers (TDS 4 and 5) and
// the servers that write THREDDS catalogs (Hyrax, RAMADDA, NCEI): catalogs
// parsed with every dataset and every access URL, concurrent crawls of
// whole catalog trees, the NetCDF Subset Service (NCSS), HTTPServer
// downloads, and OPeNDAP/DAP4 access through libnetcdf.
//
// # Catalogs
//
// [Client.Catalog] reads a catalog; [ParseCatalog] parses one already in
// memory. A [Catalog] is a tree: top-level [Dataset]s nest datasets and
// [CatalogRef]s to any depth, and [Catalog.All] lists every dataset,
// containers included:
//
//	c := thredds.NewClient(thredds.WithTimeout(time.Minute))
//	cat, err := c.Catalog(ctx, "https://thredds.ucar.edu/thredds/catalog/catalog.xml")
//	for _, ds := range cat.All() {
//		if u, ok := ds.AccessURL("OPENDAP"); ok {
//			fmt.Println(ds.Name, u)
//		}
//	}
//
// Access URLs are built exactly as netcdf-java builds them: the service's
// base, the urlPath and the service's suffix are concatenated, then
// resolved against catalog@base or the catalog's URL after redirects (TDS 5
// redirects /thredds/catalog.xml to /thredds/catalog/catalog.xml, which
// changes what relative references mean). Services are looked up by name,
// Compound services expand to one [Access] per nested service, and
// datasets with <access> elements and no urlPath (Hyrax) get their
// accesses too. Service types are compared ignoring case, with DODS taken
// as OPeNDAP and NCEI's NetcdfServer as NetcdfSubset
// ([CanonicalServiceType]); two services of one type (TDS 5's ncssGrid and
// ncssPoint) both appear.
//
// # Inheritance
//
// Metadata passes from a dataset to its descendants only through
// <metadata inherited="true">; a serviceName attribute on a parent is not
// inherited. [Dataset.Effective] returns the merged metadata (single values
// from the nearest source, lists accumulated), and [Dataset.ServiceName],
// [Dataset.DataType], [Dataset.TimeCoverage] and friends read single
// fields. Nothing crosses a catalog reference: each catalog carries its own
// services and metadata.
//
// # Crawling
//
// [Client.Crawl] walks a catalog tree and yields every dataset as an
// iter.Seq2, fetching several catalogs at a time:
//
//	for ds, err := range c.Crawl(ctx, root, thredds.CrawlOptions{Concurrency: 8, Include: []string{"*.nc"}}) {
//		if err != nil {
//			log.Print(err) // one catalog failed; the crawl goes on
//			continue
//		}
//		fmt.Println(ds.Name)
//	}
//
// Each catalog is read once (references are compared by canonical URL, so
// cycles end), only http and https references are followed, only on the
// root's host unless SameHost is turned off, and depth and catalog count
// are bounded. Breaking out of the loop stops the crawl and its goroutines.
// [Client.Latest] resolves a "latest.xml" Resolver dataset; [NearestRef]
// and [NearestDataset] pick a file-per-time entry by the time in its name.
//
// # NCSS
//
// [NCSSQuery] builds a subset request, [Client.NCSS] sends it, and the
// response decodes as a [Table] (CSV and XML point outputs) or opens as
// netCDF ([NCSSResponse.Open]). [Client.NCSSDataset] reads a dataset
// description (dataset.xml, grid or point layout):
//
//	end, _ := ds.NCSSEndpoint("")
//	q := thredds.NewNCSSQuery().Var("Temperature_isobaric").LonLatPoint(-105, 40).Time(t).Accept("csv")
//	resp, err := c.NCSS(ctx, end, q)
//	tab, err := resp.Table()
//	temps := tab.Float64s("Temperature_isobaric")
//
// # Data access
//
// [Client.Download] copies an HTTPServer file, resuming with Range requests
// when the connection breaks. [Open] opens an OPeNDAP URL (DAP4 with
// "#dap4") through libnetcdf, and [OpenDataset] picks a dataset's OPeNDAP
// or DAP4 access; the returned [Data] has typed, fill-aware reads
// ([Data.Float64s] gives NaN for fill values). libnetcdf takes credentials
// from the URL or from its rc files ([WriteRC]); the client's
// [WithBasicAuth] and [WithCookieJar] cover catalog, NCSS and download
// requests. Built without cgo, everything but [Open], [OpenDataset] and
// netCDF-4 responses works; those return an error wrapping nc.ErrNoNetCDF.
//
// # Safety
//
// Catalog documents are limited in size ([WithMaxCatalogSize]) and nesting
// ([MaxNesting]); DOCTYPE entity declarations are never expanded; file:,
// ftp: and other non-http references are never followed; crawls stay on
// the root's host by default. Malformed catalogs give an error wrapping
// [ErrNotCatalog], never a panic. Server errors are *[HTTPError] values
// that unwrap to [ErrNotFound], [ErrForbidden] or [ErrRequestTooLarge].
//
// # Differences from siphon
//
// Every dataset is kept, containers and datasets with only <access>
// elements included (siphon drops them); accesses are a list keyed by
// service name, not a map keyed by type; catalog@base, service suffixes and
// relative service bases are honoured; metadata is inherited per dataset,
// not flattened per catalog; crawling, retries, timeouts and contexts are
// built in.
package thredds
