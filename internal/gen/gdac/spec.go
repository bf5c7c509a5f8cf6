package main

import "time"

// floatSpec describes one synthetic float: its identity, the water it
// profiles and the cycles it reports. The table in floats() is the whole
// content of the mini GDAC.
type floatSpec struct {
	WMO          string
	DAC          string // directory under dac/
	Centre       string // DATA_CENTRE (R04), also the index institution
	Institution  string // global attribute "institution"
	PlatformType string // PLATFORM_TYPE (R23)
	InstType     string // WMO_INST_TYPE (R08), also the index profiler_type
	Maker        string // PLATFORM_MAKER (R24)
	SerialNo     string
	Firmware     string
	Project      string
	PI           string // Latin-1 bytes allowed, as in real PI names
	Positioning  string // POSITIONING_SYSTEM (R09)
	Trans        string // TRANS_SYSTEM
	TempOnly     bool   // PRES and TEMP only, no PSAL
	BGC          bool   // DOXY: B, S and _Sprof.nc files
	Traj, Tech   bool   // also write <wmo>_Rtraj.nc, <wmo>_tech.nc
	Water        water
	Bottom       float64 // deepest level of a primary profile, dbar
	ParkPres     float64 // dbar
	CycleHours   float64
	Launch       time.Time
	LaunchLat    float64
	LaunchLon    float64
	Cycles       []cycleSpec
	Notes        string // what the float exercises (README)
}

// cycleSpec is one cycle file (one direction) of a float.
type cycleSpec struct {
	N           int
	Descending  bool
	Mode        byte // DATA_MODE of the primary core profile: 'R', 'A' or 'D'
	Time        time.Time
	Lat, Lon    float64
	Format22    bool      // write the core file in format 2.2
	NearSurface byte      // DATA_MODE of a second, near-surface profile; 0 for none
	DoxyMode    byte      // PARAMETER_DATA_MODE of DOXY in the B file (BGC floats)
	QC          []qcEvent // flags set on the primary profile's raw data
}

// qcEvent sets a raw QC flag at one level of the primary profile: '4' also
// spikes the value, '3' nudges it, '9' replaces it by the fill value.
type qcEvent struct {
	Param string
	Level int
	Flag  byte
}

func utc(y int, m time.Month, d, hh, mm, ss int) time.Time {
	return time.Date(y, m, d, hh, mm, ss, 0, time.UTC)
}

// floats returns the floats of the mini GDAC in output order. The WMO
// numbers (x999xxx) have the real shape but were picked from ranges that,
// as far as we know, no real float uses; every value is synthetic.
func floats() []*floatSpec {
	return []*floatSpec{
		{
			WMO: "6999001", DAC: "coriolis", Centre: "IF", Institution: "CORIOLIS",
			PlatformType: "ARVOR", InstType: "844", Maker: "NKE",
			SerialNo: "AI2600-20FR101", Firmware: "5900A04",
			Project: "ARGO FRANCE", PI: "Marie-H\xe9l\xe8ne D'IROISE", // Latin-1, as R40 names can be
			Positioning: "GPS", Trans: "IRIDIUM",
			Traj: true, Tech: true,
			Water:  water{TSurf: 11.6, TDeep: 11.15, MLD: 35, TScale: 30, SSurf: 35.28, SDeep: 35.42, SScale: 40},
			Bottom: 100, ParkPres: 90, CycleHours: 240,
			Launch: utc(2021, 3, 2, 9, 40, 0), LaunchLat: 48.105, LaunchLon: -4.842,
			Cycles: []cycleSpec{
				{N: 1, Mode: 'D', NearSurface: 'A', Time: utc(2021, 3, 12, 11, 42, 0), Lat: 48.152, Lon: -4.881},
				{N: 2, Mode: 'D', Time: utc(2021, 3, 22, 11, 31, 20), Lat: 48.268, Lon: -5.214,
					QC: []qcEvent{{"PSAL", 19, '4'}}},
				{N: 3, Mode: 'R', Time: utc(2021, 4, 1, 11, 55, 40), Lat: 48.391, Lon: -5.372,
					QC: []qcEvent{{"TEMP", 7, '4'}, {"PSAL", 7, '4'}, {"PSAL", 12, '3'}, {"PSAL", 13, '3'}, {"PSAL", 15, '9'}}},
			},
			Notes: "Iroise Sea shelf float (48.1-48.4N, 4.9-5.4W), profiles to 100 dbar; cycle 1 has N_PROF=2 with DATA_MODE \"DA\" (primary + near-surface); QC flags 3, 4 and 9 in cycle 3; Latin-1 PI_NAME; Rtraj and tech files",
		},
		{
			WMO: "6999002", DAC: "coriolis", Centre: "IF", Institution: "CORIOLIS",
			PlatformType: "PROVOR_III", InstType: "836", Maker: "NKE",
			SerialNo: "OIN-21-RA-S31-002", Firmware: "5.49",
			Project: "ARGO FRANCE BGC", PI: "Yann LE GALL",
			Positioning: "GPS", Trans: "IRIDIUM",
			BGC:    true,
			Water:  water{TSurf: 13.4, TDeep: 11.55, MLD: 18, TScale: 25, SSurf: 35.36, SDeep: 35.48, SScale: 40, OSurf: 268, ODeep: 236},
			Bottom: 120, ParkPres: 110, CycleHours: 240,
			Launch: utc(2022, 5, 3, 8, 15, 0), LaunchLat: 48.238, LaunchLon: -6.352,
			Cycles: []cycleSpec{
				{N: 1, Descending: true, Mode: 'R', DoxyMode: 'R', Time: utc(2022, 5, 3, 22, 10, 0), Lat: 48.247, Lon: -6.388},
				{N: 1, Mode: 'D', DoxyMode: 'D', Time: utc(2022, 5, 4, 11, 40, 30), Lat: 48.251, Lon: -6.402},
				{N: 2, Mode: 'R', DoxyMode: 'A', Time: utc(2022, 5, 14, 11, 35, 10), Lat: 48.312, Lon: -6.705},
			},
			Notes: "BGC (DOXY) float on the shelf west of the Iroise Sea; core, B (PRES, TEMP_DOXY, DOXY; PARAMETER_DATA_MODE RRD / RRR / RRA) and S files (DOXY_dPRES), a descending cycle 1D, NetCDF-4 _Sprof.nc",
		},
		{
			WMO: "6999003", DAC: "coriolis", Centre: "IF", Institution: "CORIOLIS",
			PlatformType: "PROVOR", InstType: "841", Maker: "NKE",
			SerialNo: "OIN-08-S3-01", Firmware: "n/a",
			Project: "CORIOLIS", PI: "Pierre BISCAYE",
			Positioning: "ARGOS", Trans: "ARGOS",
			Water:  water{TSurf: 16.4, TDeep: 3.9, MLD: 25, TScale: 420, SSurf: 35.62, SDeep: 34.98, SScale: 900},
			Bottom: 2000, ParkPres: 1000, CycleHours: 240,
			Launch: utc(2008, 11, 14, 17, 5, 0), LaunchLat: 45.412, LaunchLon: -7.206,
			Cycles: []cycleSpec{
				{N: 11, Mode: 'D', Format22: true, Time: utc(2009, 6, 10, 6, 12, 0), Lat: 45.803, Lon: -7.602,
					QC: badLevels("PSAL", 31, 51, '4')},
				{N: 12, Mode: 'D', Time: utc(2009, 6, 20, 6, 3, 0), Lat: 45.871, Lon: -7.688},
			},
			Notes: "Bay of Biscay float to 2000 dbar with ARGOS positioning; cycle 11 is a format 2.2 file (INST_REFERENCE, CALIBRATION_DATE, comment attributes) whose deep PSAL is flagged 4 (grade C); cycle 12 is format 3.1",
		},
		{
			WMO: "4999001", DAC: "aoml", Centre: "AO", Institution: "AOML",
			PlatformType: "PALACE", InstType: "845", Maker: "WRC",
			SerialNo: "0231", Firmware: "n/a",
			Project: "US ARGO PROJECT", PI: "Jordan SAMPLE",
			Positioning: "ARGOS", Trans: "ARGOS",
			TempOnly: true, Tech: true,
			Water:  water{TSurf: 25.2, TDeep: 4.8, MLD: 30, TScale: 160, SSurf: 36.0, SDeep: 34.9, SScale: 300},
			Bottom: 1000, ParkPres: 1000, CycleHours: 264,
			Launch: utc(1998, 7, 18, 14, 0, 0), LaunchLat: 0.521, LaunchLon: -15.502,
			Cycles: []cycleSpec{
				{N: 1, Mode: 'R', Time: utc(1998, 7, 29, 20, 3, 0), Lat: 0.412, Lon: -15.937},
				{N: 2, Mode: 'R', Time: utc(1998, 8, 9, 19, 21, 12), Lat: 0.288, Lon: -16.404,
					QC: []qcEvent{{"TEMP", 3, '3'}, {"TEMP", 4, '3'}}},
			},
			Notes: "1998 equatorial Atlantic PALACE float measuring PRES and TEMP only (no PSAL), real-time files; tech file",
		},
		{
			WMO: "5999001", DAC: "aoml", Centre: "AO", Institution: "AOML",
			PlatformType: "SOLO_II", InstType: "853", Maker: "SIO_IDG",
			SerialNo: "8512", Firmware: "SIO-2.1",
			Project: "US ARGO PROJECT", PI: "Casey EXEMPLAR",
			Positioning: "GPS", Trans: "IRIDIUM",
			Traj:   true,
			Water:  water{TSurf: 21.3, TDeep: 2.7, MLD: 28, TScale: 320, SSurf: 35.58, SDeep: 34.52, SScale: 450},
			Bottom: 2000, ParkPres: 1000, CycleHours: 72,
			Launch: utc(2014, 10, 22, 3, 30, 0), LaunchLat: -31.5, LaunchLon: 172.4,
			Cycles: []cycleSpec{
				{N: 998, Mode: 'D', Time: utc(2023, 1, 5, 8, 14, 0), Lat: -35.214, Lon: 179.622},
				{N: 999, Mode: 'R', Time: utc(2023, 1, 8, 8, 9, 30), Lat: -35.301, Lon: 179.915,
					QC: []qcEvent{{"TEMP", 2, '2'}, {"PSAL", 30, '9'}}},
				{N: 1000, Mode: 'R', Time: utc(2023, 1, 11, 8, 20, 10), Lat: -35.377, Lon: -179.846},
			},
			Notes: "South Pacific float crossing the antimeridian between cycles 999 and 1000 (lon 179.915 then -179.846); 4-digit cycle number in R5999001_1000.nc; Rtraj file whose index row spans the antimeridian",
		},
		{
			WMO: "5999101", DAC: "csiro", Centre: "CS", Institution: "CSIRO",
			PlatformType: "ARVOR", InstType: "844", Maker: "NKE",
			SerialNo: "AI2600-18AU007", Firmware: "5605A07",
			Project: "Argo AUSTRALIA", PI: "Robin FIXTURE",
			Positioning: "GPS", Trans: "IRIDIUM",
			Water:  water{TSurf: 22.1, TDeep: 2.4, MLD: 35, TScale: 280, SSurf: 35.72, SDeep: 34.62, SScale: 400},
			Bottom: 2000, ParkPres: 1000, CycleHours: 240,
			Launch: utc(2019, 1, 30, 2, 0, 0), LaunchLat: -34.41, LaunchLon: 110.35,
			Cycles: []cycleSpec{
				{N: 1, Mode: 'D', Time: utc(2019, 2, 10, 10, 12, 0), Lat: -34.512, Lon: 110.236},
				{N: 2, Descending: true, Mode: 'R', Time: utc(2019, 2, 19, 22, 5, 0), Lat: -34.571, Lon: 110.164},
				{N: 2, Mode: 'A', Time: utc(2019, 2, 20, 10, 20, 40), Lat: -34.603, Lon: 110.118,
					QC: []qcEvent{{"PSAL", 5, '2'}, {"PSAL", 6, '2'}, {"PSAL", 7, '2'}}},
			},
			Notes: "Indian Ocean float off south-west Australia; an R-named file in DATA_MODE A (adjusted values, no errors) and a descending R5999101_002D.nc",
		},
	}
}

// badLevels flags levels [from, to) of one parameter.
func badLevels(param string, from, to int, flag byte) []qcEvent {
	var ev []qcEvent
	for l := from; l < to; l++ {
		ev = append(ev, qcEvent{param, l, flag})
	}
	return ev
}
