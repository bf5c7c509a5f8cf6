// Package erddap is a pure-Go client for ERDDAP servers: dataset search and
// metadata, tabledap and griddap query building, typed tables, streamed
// rows, chunked requests and downloads, with ERDDAP's errors as values.
//
// # Client
//
// NewClient takes the URL of a server's erddap directory (the path is not
// always /erddap) and options: WithHTTPClient, WithUserAgent, WithTimeout,
// WithRetries, WithConcurrency, WithCache, WithMaxRedirects. A client asks
// for gzip and decodes it, keeps at most 2 requests in flight by default
// (what ERDDAP runs concurrently per IP address), retries 429, 502, 503 and
// 504 answers and network errors with exponential backoff (honouring
// Retry-After, in seconds or as an HTTP date; 400 and 404 are never
// retried), follows a limited number of redirects, and can keep successful
// responses on disk. Every network call takes a context.
//
// # Queries and URL encoding
//
// A TableQuery lists results variables (Select), constraints (Where) and
// server-side functions (Distinct, OrderBy, OrderByMax, ..., Units,
// AddVariablesWhere). Client.TableURL writes the one canonical form:
//
//	https://host/erddap/tabledap/ArgoFloats.csv?pres,temp&platform_number%3D~%226902746%22&time%3E%3D2020-01-01T00:00:00Z&orderBy(%22time,pres%22)
//
// Variables are joined by a literal ',' and constraints and functions by a
// literal '&'. Each constraint's operator and value, and each function call,
// is percent-encoded: every byte but A-Z a-z 0-9 - _ . ! ~ ' ( ) * , : / is
// written %XX, so " < > = [ ] | + space % & become %22 %3C %3E %3D %5B %5D
// %7C %2B %20 %25 %26, and non-ASCII characters their UTF-8 bytes (an '&'
// inside a string value is %26 and cannot split the query). Tomcat rejects
// raw brackets, quotes and pipes, and a raw '+' would read as a space. A
// URL is built once and sent as is, never re-encoded (ERDDAP refuses
// double-encoded queries).
//
// Values: integers as written; floats in their shortest form with ".0" for
// whole numbers (1185926400.0, as argopy and erddapy send); NaN as NaN, so
// Where("temp", "!=", math.NaN()) drops missing values; strings
// double-quoted with \\ \" \n \t escapes; time.Time as ISO 8601 UTC
// (2006-01-02T15:04:05Z, fractional seconds when present); Expr and Relative
// for now-7days, max(time)-1day and the like. An invalid operator (such as
// "~=") or value is remembered by the query: TableQuery.Err reports it,
// TableURL then returns "", and the Client methods return the error.
//
// A GridQuery constrains each griddap dimension by index (Index), by value
// (Range, At) or from the end (Last), for one or more variables. Given the
// dataset's Info (WithInfo), the brackets follow the dataset's dimension
// order and value ranges on descending axes are swapped.
//
// # Errors
//
// A non-2xx answer is an *Error with the HTTP status, ERDDAP's code and
// message (or a snippet of an HTML page). ERDDAP answers a query that
// matches nothing with a 404: errors.Is(err, ErrNoData) reports it. Search
// and Categorize turn it into an empty slice; Table, Rows, Grid, Download
// and TableChunked (when every chunk is empty) return it.
//
// # Discovery
//
// Search runs a full-text or advanced search (protocol, cdm_data_type,
// institution, ioos_category, keywords, long_name, standard_name, variable
// name, bounding box, time range) and follows every page; Datasets,
// Categories, Categorize and AllDatasets list what a server has, Info turns
// /info/{datasetID}/index.json into typed global and per-variable
// attributes (with griddap dimensions and their spacing), and Version asks
// the server its version. Tables are read by column name, never by position.
//
// # Tables and rows
//
// Client.Table fetches a tabledap query as a *Table: named, typed columns
// (strings, float64 with NaN for missing, int64 and uint64 with a missing
// mask, time.Time), with the units and attributes of the response. It asks
// for .nccsv (TableFileType), the one text layout that declares every
// column's type and attributes; TableAs reads any other layout. Client.Rows
// streams the same rows one at a time, in constant memory whatever the row
// count. DecodeTable and DecodeRows read a saved response of any text layout
// (.csv, .csvp, .csv0, .tsv, .tsvp, .tsv0, .json, .jsonlCSV1, .jsonlCSV,
// .jsonlKVP, .nccsv); DecodeOptions gives types to the layouts that do not
// declare them. A malformed or cut body is a *DecodeError (errors.Is
// ErrTruncated when it ends early), never a shorter table. Download copies a
// response of any file type (.nc, .parquet, .png, ...) to a writer as it
// arrives.
//
// # Large requests
//
// Chunks splits a query along time windows and longitude/latitude boxes
// taken from the query's own bounds (half-open windows, so no row is counted
// twice), and TableChunked fetches the chunks concurrently within the
// client's limit and appends them in order.
package erddap
