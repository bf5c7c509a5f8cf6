// Package argo reads Argo float data: profile files of every kind (core
// R/D, B, synthetic S, single-cycle and multi-cycle _prof/_Sprof, formats
// 2.2 to 3.1), meta-data, trajectory and technical files, and applies the
// Argo rules for quality flags, data modes and user modes the way the Argo
// user's manual and argopy do.
//
// # Reading
//
//	profiles, err := argo.ReadProfiles("D3902131_001.nc") // every N_PROF profile
//	for _, p := range profiles {
//		temp := p.Param("TEMP")
//		values, flags, errs := temp.Best() // adjusted for modes A and D, raw for R
//		...
//	}
//
// [ReadProfiles] and [DecodeProfiles] return every profile of a file, the
// primary first, each with its own data mode, time, position and levels; a
// non-primary first profile is reported in [Profile.Warnings], never
// silently dropped. The reader switches on the variables and dimensions a
// file has, never on FORMAT_VERSION alone, discovers parameters from both
// STATION_PARAMETERS and the variables, keeps spectra (N_VALUES) as they
// are, and trims the padding levels of multi-profile files. A file that is
// not an Argo file (an ERDDAP table, an HTML error page) gives [ErrNotArgo];
// an Argo file of another kind gives [ErrKind].
//
// # Concepts
//
//   - [Mode]: R real time, A adjusted in real time, D delayed mode. B and S
//     files carry one mode per parameter (PARAMETER_DATA_MODE), held in
//     [Param.Mode]. A file's name is only a hint: an R file can hold mode A.
//   - [QC]: the flags '0' to '9' as written in the files, ' ' for none.
//     [QC.Good] is 1 or 2; [QC.GoodOrChanged] adds 5 and 8.
//   - [Grade]: PROFILE_<PARAM>_QC, A to F. [GradeOf] recomputes it from the
//     flags and [Profile.CheckGrades] compares it with the stored one.
//   - [Param.Best] applies the Argo rule: adjusted values, flags and errors
//     for modes A and D, raw values and flags for R. A delayed-mode fill value
//     stays missing; [Param.BestFallback] falls back on the raw value.
//   - [UserMode]: Expert, Standard (the zero value) and Research, with
//     argopy's filters; [Filter] keeps the profile shape, [Points] flattens
//     to one row per level.
//   - Missing numbers are NaN (fill values, NaN and Inf in files alike),
//     missing times the zero time.Time; times are UTC, JULD rounded to the
//     second.
//
// # Meta-data, trajectory and technical files
//
// [ReadMeta] and [DecodeMeta] read a float's _meta.nc (launch, sensors,
// parameters, configuration missions), [ReadTrajectory] and
// [DecodeTrajectory] its R/D/BR/BD trajectory files (the N_MEASUREMENT
// columns and the N_CYCLE events, formats 2.2 to 3.2), [ReadTech] and
// [DecodeTech] its _tech.nc. Counts come from the variables, never from a
// dimension alone, so a corrupted dimension cannot make a reader allocate
// gigabytes.
//
// # Index files, the GDAC and ERDDAP
//
//	ix, err := argo.OpenIndex("ar_index_global_prof.txt.gz") // every index kind, .gz or not
//	for _, e := range ix.Search(argo.Query{Region: geo.Box(-6, 47, -4, 49), Start: t0, End: t1}) { ... }
//
//	g, err := argo.NewGDAC("https://data-argo.ifremer.fr") // or a local mirror holding dac/
//	for p, err := range g.Profiles(ctx, q) { ... }
//
// [ReadIndex] and [OpenIndex] load any index file into columns (3.25 M rows
// in about 0.3 s and 0.7 times the file's size in memory); [Index.Search]
// answers a [Query] from a lazily built spatial grid and WMO order, with
// the bound rule of the whole library (space closed, time half-open).
// [GDAC] downloads and decodes the matching files in parallel over HTTPS or
// from a local mirror, with retries, a cache and a progress callback, and
// yields their profiles in index order; a file that fails is reported as a
// [*FetchError] for that file, never dropped silently. [ERDDAP] answers the
// same queries from an ERDDAP server's Argo datasets, the way argopy does,
// and [DecodeERDDAP] groups the rows of a tabledap .nc response into
// profiles; [ERDDAP.Index] reads the core profile index from the server's
// ArgoFloats-index dataset into an [Index]. Both are a [Source], so a
// program can switch between them.
//
// # Transformations and output
//
// [InterpStdLevels] interpolates onto standard pressure levels,
// [PressureBins] groups levels into pressure bins, [JoinBGC] merges a core
// file with its B file by profile and level index, [WriteCSV] writes points
// and [WriteNetCDF] writes a CF discrete-sampling-geometry file that xarray
// opens.
//
// # Concurrency and cgo
//
// Readers hold no shared state: files decode in parallel. Classic NetCDF
// files (nearly all Argo files) are decoded in pure Go; NetCDF-4 files
// (_Sprof.nc) and WriteNetCDF need libnetcdf through cgo and return an error
// wrapping nc.ErrNoNetCDF without it.
package argo
