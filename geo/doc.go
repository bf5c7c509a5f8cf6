// Package geo does the spatial work on in-situ ocean observations: regions, point
// filters, distances, a spatial index, space-time matchups, GeoJSON and lon/lat
// gridding. It builds on github.com/paulmach/orb types, where a position is
// orb.Point{lon, lat} in degrees (note the order).
//
// The package's geo clashes with orb's own geo sub-package; import that one under an
// alias (orbgeo "github.com/paulmach/orb/geo") when both are needed.
//
// # Regions
//
// A [Region] is a set of positions with Contains and Bound. [Box] makes lon/lat boxes,
// [Polygon] and [MultiPolygon] polygons with holes, [Circle] spherical caps, and
// [Union] and [Intersect] combine regions. [ParseRegion] reads a region from GeoJSON or
// WKT, so a user can draw a polygon in QGIS or geojson.io and pass it on:
//
//	iroise, err := geo.ParseRegion(wkt) // "POLYGON ((-5.5 48, -4.72 48, ...))"
//	if err != nil {
//		return err // a *geo.ParseError
//	}
//	inside := geo.Filter(positions, iroise)
//
// # Bound rules
//
// Space is closed: a box contains its edges, a polygon its boundary (edges and
// vertices, of the outer ring and of holes), a circle the points exactly at its radius.
// For polygons this is shapely's covers rather than its contains, which excludes the
// boundary; the two differ only for points exactly on an edge, and the orientation
// tests are exact, so the answer there does not depend on rounding. Polygons are planar
// in lon/lat, like shapely and GEOS: edges are straight lines in degrees.
//
// A point with a NaN coordinate is never contained.
//
// # Antimeridian and poles
//
// Longitudes are normalised to [-180, 180] before any test, so 0..360 data works, and
// -180 and 180 are the same meridian. A box whose west edge is greater than its east
// edge crosses the antimeridian: Box(170, -10, -170, 10) is a 20° box around 180°.
// Polygons may cross it with continuous longitudes (170 to 190) or be split at ±180°
// into a MultiPolygon as RFC 7946 asks. A box reaching latitude 90 or -90 contains that
// pole at every longitude. Circles, distances, the [Index] and [Match] work on the
// sphere and need no special case anywhere. [Bounds] splits a region's bounding box at
// the antimeridian, for code that queries other systems by box.
//
// # Filtering
//
// [Filter] and [FilterFunc] return the positions of the points inside a region.
// Polygons are prepared once when built: a bounding-box test rejects most points,
// and a grid over the box, whose cells are classified as inside, outside or crossed by
// an edge, answers most of the rest with one lookup; points in crossed cells are
// ray-cast against the few edges of their grid row. Large inputs are split over all
// cores.
//
// # Distances
//
// [Distance] is the haversine great-circle distance on a sphere of radius
// [EarthRadius] (fast, within 0.6% of the ellipsoid); [DistanceGeodesic] is the
// ellipsoidal distance on WGS84 by Karney's algorithm (accurate to nanometres and
// convergent for antipodal points, where Vincenty's is not). [Bearing] and
// [Destination] are the spherical initial bearing and direct problem.
//
// # Spatial index and matchups
//
// [NewIndex] builds an [Index] over any items with positions (orb.Pointer) for
// nearest-neighbour ([Index.Nearest]), radius ([Index.Within]) and region
// ([Index.InRegion]) queries. [Match] pairs each observation of one set with the
// nearest observations of another within a distance and a time window, for example
// fish samples with temperature measurements within 20 km and 3 days:
//
//	pairs, err := geo.Match(fish, ctd, geo.MatchOptions{
//		MaxDistance:  20e3,
//		MaxTimeDelta: 72 * time.Hour,
//	})
//
// # GeoJSON
//
// [FeatureCollection] turns items into an orb/geojson FeatureCollection of points for
// maps; [FeatureWriter] streams very large sets. NaN values, which JSON cannot hold,
// become null.
//
// # Gridding
//
// A [Grid] bins points into lon/lat cells with counts, mean, standard deviation, minimum
// and maximum per cell ([Grid.Bin]); [Binned.FeatureCollection] draws the cells as
// GeoJSON polygons.
//
// # Ocean basins
//
// [OceanBasin] gives the Argo ocean code (A, I, P) of reference table R13.
//
// # Concurrency and errors
//
// Regions, Index and Grid values are immutable and safe for concurrent use; a
// FeatureWriter is not. Errors are prefixed "geo: "; callers branch with errors.Is on
// [ErrInvalidGeometry], [ErrUnsupported], [ErrInvalidArgument] and [ErrClosed], or with
// errors.As on *[ParseError]. Bad input gives an error or an empty result, never a
// panic.
package geo
