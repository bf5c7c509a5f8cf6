package main

import (
	"time"

	"github.com/insitu-go/insitu/internal/nc"
)

// sensor is one SENSOR row of a meta file.
type sensor struct{ name, maker, model, serial string }

// metaParam is one PARAMETER row of a meta file.
type metaParam struct{ name, sensor, units, accuracy, resolution string }

// floatSensors returns the sensors and parameters of a float.
func floatSensors(f *floatSpec) ([]sensor, []metaParam) {
	ss := []sensor{
		{"CTD_PRES", "DRUCK", "DRUCK_2900PSIA", "2" + f.WMO[3:]},
		{"CTD_TEMP", "SBE", "SBE41CP", "7" + f.WMO[3:]},
	}
	ps := []metaParam{
		{"PRES", "CTD_PRES", "decibar", "2.4", "0.1"},
		{"TEMP", "CTD_TEMP", "degree_Celsius", "0.002", "0.001"},
	}
	if !f.TempOnly {
		ss = append(ss, sensor{"CTD_CNDC", "SBE", "SBE41CP", "7" + f.WMO[3:]})
		ps = append(ps, metaParam{"PSAL", "CTD_CNDC", "psu", "0.005", "0.001"})
	}
	if f.BGC {
		ss = append(ss, sensor{"OPTODE_DOXY", "AANDERAA", "AANDERAA_OPTODE_4330", "3" + f.WMO[4:]})
		ps = append(ps,
			metaParam{"TEMP_DOXY", "OPTODE_DOXY", "degree_Celsius", "0.03", "0.001"},
			metaParam{"DOXY", "OPTODE_DOXY", "micromole/kg", "8", "0.001"})
	}
	return ss, ps
}

// configParams returns the configuration names and values of the float's
// single mission, the same at launch.
func configParams(f *floatSpec) ([]string, []float64) {
	return []string{"CONFIG_CycleTime_hours", "CONFIG_ParkPressure_dbar", "CONFIG_ProfilePressure_dbar", "CONFIG_SurfaceTime_hours"},
		[]float64{f.CycleHours, f.ParkPres, f.Bottom, 0.5}
}

// ptt returns a transmission identifier: an IMEI-like number for Iridium, a
// 5-digit Argos id otherwise.
func ptt(f *floatSpec) string {
	if f.Trans == "IRIDIUM" {
		return "30023406" + f.WMO
	}
	return "6" + f.WMO[3:]
}

// writeMeta writes <wmo>_meta.nc (format 3.1).
func writeMeta(path string, f *floatSpec, updated time.Time) error {
	d := &dataset{}
	for _, s := range []struct {
		n string
		l int
	}{{"STRING2", 2}, {"STRING4", 4}, {"STRING8", 8}, {"STRING16", 16}, {"STRING32", 32}, {"STRING64", 64},
		{"STRING128", 128}, {"STRING256", 256}, {"STRING1024", 1024}, {"DATE_TIME", 14}} {
		d.dim(s.n, s.l)
	}
	sensors, params := floatSensors(f)
	cfgNames, cfgValues := configParams(f)
	d.unlimited("N_MISSIONS", 1)
	d.dim("N_POSITIONING_SYSTEM", 1)
	d.dim("N_TRANS_SYSTEM", 1)
	d.dim("N_CONFIG_PARAM", len(cfgNames))
	d.dim("N_LAUNCH_CONFIG_PARAM", len(cfgNames))
	d.dim("N_PARAM", len(params))
	d.dim("N_SENSOR", len(sensors))

	created := f.Launch.Add(26 * time.Hour)
	scalar := func(name, width, value string, attrs ...nc.Attr) {
		d.text(name, []string{width}, []string{value}, attrs...)
	}
	flag := func(name string, b byte, attrs ...nc.Attr) { d.flags(name, nil, []byte{b}, attrs...) }
	scalar("DATA_TYPE", "STRING16", "Argo meta-data", longName("Data type"), conventions("Argo reference table 1"), fillC)
	scalar("FORMAT_VERSION", "STRING4", "3.1", longName("File format version"), fillC)
	scalar("HANDBOOK_VERSION", "STRING4", "1.2", longName("Data handbook version"), fillC)
	scalar("DATE_CREATION", "DATE_TIME", stamp(created), longName("Date of file creation"), dateConv, fillC)
	scalar("DATE_UPDATE", "DATE_TIME", stamp(updated), longName("Date of update of this file"), dateConv, fillC)
	scalar("PLATFORM_NUMBER", "STRING8", f.WMO, longName("Float unique identifier"), conventions("WMO float identifier : A9IIIII"), fillC)
	scalar("PTT", "STRING256", ptt(f), longName("Transmission identifier (ARGOS, ORBCOMM, etc.)"), fillC)
	d.text("TRANS_SYSTEM", []string{"N_TRANS_SYSTEM", "STRING16"}, []string{f.Trans}, longName("Telecommunications system used"), fillC)
	d.text("TRANS_SYSTEM_ID", []string{"N_TRANS_SYSTEM", "STRING32"}, []string{"n/a"}, longName("Program identifier used by the transmission system"), fillC)
	d.text("TRANS_FREQUENCY", []string{"N_TRANS_SYSTEM", "STRING16"}, []string{"n/a"}, longName("Frequency of transmission from the float"), str("units", "hertz"), fillC)
	d.text("POSITIONING_SYSTEM", []string{"N_POSITIONING_SYSTEM", "STRING8"}, []string{f.Positioning}, longName("Positioning system"), fillC)
	scalar("PLATFORM_FAMILY", "STRING256", "FLOAT", longName("Category of instrument"), conventions("Argo reference table 22"), fillC)
	scalar("PLATFORM_TYPE", "STRING32", f.PlatformType, longName("Type of float"), conventions("Argo reference table 23"), fillC)
	scalar("PLATFORM_MAKER", "STRING256", f.Maker, longName("Name of the manufacturer"), conventions("Argo reference table 24"), fillC)
	scalar("FIRMWARE_VERSION", "STRING32", f.Firmware, longName("Firmware version for the float"), fillC)
	scalar("MANUAL_VERSION", "STRING16", "n/a", longName("Manual version for the float"), fillC)
	scalar("FLOAT_SERIAL_NO", "STRING32", f.SerialNo, longName("Serial number of the float"), fillC)
	scalar("STANDARD_FORMAT_ID", "STRING16", "n/a", longName("Standard format number to describe the data format type for each float"), fillC)
	scalar("DAC_FORMAT_ID", "STRING16", "n/a", longName("Format number used by the DAC to describe the data format type for each float"), fillC)
	scalar("WMO_INST_TYPE", "STRING4", f.InstType, longName("Coded instrument type"), conventions("Argo reference table 8"), fillC)
	scalar("PROJECT_NAME", "STRING64", f.Project, longName("Program under which the float was deployed"), fillC)
	scalar("DATA_CENTRE", "STRING2", f.Centre, longName("Data centre in charge of float real-time processing"), conventions("Argo reference table 4"), fillC)
	scalar("PI_NAME", "STRING64", f.PI, longName("Name of the principal investigator"), fillC)
	scalar("ANOMALY", "STRING256", "", longName("Describe any anomalies or problems the float may have had"), fillC)
	scalar("BATTERY_TYPE", "STRING64", "Lithium 10.8 V", longName("Type of battery packs in the float"), fillC)
	scalar("BATTERY_PACKS", "STRING64", "", longName("Configuration of battery packs in the float"), fillC)
	scalar("CONTROLLER_BOARD_TYPE_PRIMARY", "STRING32", "", longName("Type of primary controller board"), fillC)
	scalar("CONTROLLER_BOARD_TYPE_SECONDARY", "STRING32", "", longName("Type of secondary controller board"), fillC)
	scalar("CONTROLLER_BOARD_SERIAL_NO_PRIMARY", "STRING32", "", longName("Serial number of the primary controller board"), fillC)
	scalar("CONTROLLER_BOARD_SERIAL_NO_SECONDARY", "STRING32", "", longName("Serial number of the secondary controller board"), fillC)
	scalar("SPECIAL_FEATURES", "STRING1024", "", longName("Extra features of the float (algorithms, compressee etc.)"), fillC)
	scalar("FLOAT_OWNER", "STRING64", f.Institution, longName("Float owner"), fillC)
	scalar("OPERATING_INSTITUTION", "STRING64", f.Institution, longName("Operating institution of the float"), fillC)
	scalar("CUSTOMISATION", "STRING1024", "", longName("Float customisation, i.e. (institution and modifications)"), fillC)
	scalar("LAUNCH_DATE", "DATE_TIME", stamp(f.Launch), longName("Date (UTC) of the deployment"), dateConv, fillC)
	d.add("LAUNCH_LATITUDE", nc.Double, nil, []float64{f.LaunchLat}, longName("Latitude of the float when deployed"),
		str("units", "degree_north"), fillPosD, f64("valid_min", -90), f64("valid_max", 90))
	d.add("LAUNCH_LONGITUDE", nc.Double, nil, []float64{f.LaunchLon}, longName("Longitude of the float when deployed"),
		str("units", "degree_east"), fillPosD, f64("valid_min", -180), f64("valid_max", 180))
	flag("LAUNCH_QC", '1', longName("Quality on launch date, time and location"), qcConv, fillC)
	scalar("START_DATE", "DATE_TIME", stamp(f.Launch.Add(10*time.Minute)), longName("Date (UTC) of the first descent of the float"), dateConv, fillC)
	flag("START_DATE_QC", '1', longName("Quality on start date"), qcConv, fillC)
	scalar("STARTUP_DATE", "DATE_TIME", stamp(f.Launch.Add(-2*time.Hour)), longName("Date (UTC) of the activation of the float"), dateConv, fillC)
	flag("STARTUP_DATE_QC", '1', longName("Quality on startup date"), qcConv, fillC)
	scalar("DEPLOYMENT_PLATFORM", "STRING32", "R/V SYNTHETIC", longName("Identifier of the deployment platform"), fillC)
	scalar("DEPLOYMENT_CRUISE_ID", "STRING32", "", longName("Identification number or reference number of the cruise used to deploy the float"), fillC)
	scalar("DEPLOYMENT_REFERENCE_STATION_ID", "STRING256", "", longName("Identifier or reference number of co-located stations used to verify the first profile"), fillC)
	scalar("END_MISSION_DATE", "DATE_TIME", "", longName("Date (UTC) of the end of mission of the float"), dateConv, fillC)
	flag("END_MISSION_STATUS", blank, longName("Status of the end of mission of the float"), conventions("T:No more transmission received, R:Retrieved"), fillC)
	d.text("LAUNCH_CONFIG_PARAMETER_NAME", []string{"N_LAUNCH_CONFIG_PARAM", "STRING128"}, cfgNames,
		longName("Name of configuration parameter at launch"), fillC)
	d.add("LAUNCH_CONFIG_PARAMETER_VALUE", nc.Double, []string{"N_LAUNCH_CONFIG_PARAM"}, cfgValues,
		longName("Value of configuration parameter at launch"), f64("_FillValue", 99999))
	d.text("CONFIG_PARAMETER_NAME", []string{"N_CONFIG_PARAM", "STRING128"}, cfgNames, longName("Name of configuration parameter"), fillC)
	d.add("CONFIG_PARAMETER_VALUE", nc.Double, []string{"N_MISSIONS", "N_CONFIG_PARAM"}, cfgValues,
		longName("Value of configuration parameter"), f64("_FillValue", 99999))
	d.add("CONFIG_MISSION_NUMBER", nc.Int, []string{"N_MISSIONS"}, []int32{1},
		longName("Unique number denoting the missions performed by the float"), missionCnv, fillI)
	d.text("CONFIG_MISSION_COMMENT", []string{"N_MISSIONS", "STRING256"}, []string{"Standard mission"}, longName("Comment on configuration"), fillC)

	col := func(n int, get func(int) string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = get(i)
		}
		return out
	}
	ns, np := len(sensors), len(params)
	d.text("SENSOR", []string{"N_SENSOR", "STRING32"}, col(ns, func(i int) string { return sensors[i].name }),
		longName("Name of the sensor mounted on the float"), conventions("Argo reference table 25"), fillC)
	d.text("SENSOR_MAKER", []string{"N_SENSOR", "STRING256"}, col(ns, func(i int) string { return sensors[i].maker }),
		longName("Name of the sensor manufacturer"), conventions("Argo reference table 26"), fillC)
	d.text("SENSOR_MODEL", []string{"N_SENSOR", "STRING256"}, col(ns, func(i int) string { return sensors[i].model }),
		longName("Type of sensor"), conventions("Argo reference table 27"), fillC)
	d.text("SENSOR_SERIAL_NO", []string{"N_SENSOR", "STRING16"}, col(ns, func(i int) string { return sensors[i].serial }),
		longName("Serial number of the sensor"), fillC)
	d.text("PARAMETER", []string{"N_PARAM", "STRING64"}, col(np, func(i int) string { return params[i].name }),
		longName("Name of parameter computed from float measurements"), conventions("Argo reference table 3"), fillC)
	d.text("PARAMETER_SENSOR", []string{"N_PARAM", "STRING128"}, col(np, func(i int) string { return params[i].sensor }),
		longName("Name of the sensor that measures this parameter"), conventions("Argo reference table 25"), fillC)
	d.text("PARAMETER_UNITS", []string{"N_PARAM", "STRING32"}, col(np, func(i int) string { return params[i].units }),
		longName("Units of accuracy and resolution of the parameter"), fillC)
	d.text("PARAMETER_ACCURACY", []string{"N_PARAM", "STRING32"}, col(np, func(i int) string { return params[i].accuracy }),
		longName("Accuracy of the parameter"), fillC)
	d.text("PARAMETER_RESOLUTION", []string{"N_PARAM", "STRING32"}, col(np, func(i int) string { return params[i].resolution }),
		longName("Resolution of the parameter"), fillC)
	none := col(np, func(int) string { return "none" })
	d.text("PREDEPLOYMENT_CALIB_EQUATION", []string{"N_PARAM", "STRING1024"}, none, longName("Calibration equation for this parameter"), fillC)
	d.text("PREDEPLOYMENT_CALIB_COEFFICIENT", []string{"N_PARAM", "STRING1024"}, none, longName("Calibration coefficients for this equation"), fillC)
	d.text("PREDEPLOYMENT_CALIB_COMMENT", []string{"N_PARAM", "STRING1024"}, nil, longName("Comment applying to this parameter calibration"), fillC)

	d.global = []nc.Attr{
		str("title", "Argo float metadata file"),
		str("institution", f.Institution),
		str("source", "Argo float"),
		str("history", historyAttr(created, updated)),
		str("references", "http://www.argodatamgt.org/Documentation"),
		str("user_manual_version", "3.1"),
		str("Conventions", "Argo-3.1 CF-1.6"),
		str("comment", synthetic),
	}
	return d.write(path, nc.Classic)
}

// writeTech writes <wmo>_tech.nc (format 3.1): a few technical parameters
// per cycle, as strings.
func writeTech(path string, f *floatSpec, updated time.Time) error {
	type row struct {
		name, value string
		cycle       int32
	}
	var rows []row
	for _, c := range f.Cycles {
		if c.Descending {
			continue
		}
		r := newRNG(wmoSeed(f), uint64(c.N), 'T')
		volts := 10.9 - 0.004*float64(c.N) + r.sym(0.05)
		rows = append(rows,
			row{"VOLTAGE_BatteryInitialAtProfileDepth_volts", fmtFloat(volts, 2), int32(c.N)},
			row{"PRESSURE_InternalVacuum_inHg", fmtFloat(8.4+r.sym(0.2), 1), int32(c.N)},
			row{"NUMBER_PumpActionsDuringAscentToSurface_COUNT", fmtFloat(18+r.sym(3), 0), int32(c.N)},
			row{"PRES_SurfaceOffsetNotTruncated_dbar", fmtFloat(0.1+r.sym(0.1), 1), int32(c.N)},
			row{"FLAG_ProfileTermination_hex", "0x0400", int32(c.N)},
		)
	}
	d := &dataset{}
	d.dim("STRING2", 2)
	d.dim("STRING4", 4)
	d.dim("STRING8", 8)
	d.dim("STRING32", 32)
	d.dim("STRING128", 128)
	d.dim("DATE_TIME", 14)
	d.unlimited("N_TECH_PARAM", len(rows))
	created := f.Launch.Add(26 * time.Hour)
	scalar := func(name, width, value string, attrs ...nc.Attr) {
		d.text(name, []string{width}, []string{value}, attrs...)
	}
	scalar("DATE_CREATION", "DATE_TIME", stamp(created), longName("Date of file creation"), dateConv, fillC)
	scalar("DATE_UPDATE", "DATE_TIME", stamp(updated), longName("Date of update of this file"), dateConv, fillC)
	scalar("PLATFORM_NUMBER", "STRING8", f.WMO, longName("Float unique identifier"), conventions("WMO float identifier : A9IIIII"), fillC)
	scalar("DATA_CENTRE", "STRING2", f.Centre, longName("Data centre in charge of float data processing"), conventions("Argo reference table 4"), fillC)
	scalar("DATA_TYPE", "STRING32", "Argo technical data", longName("Data type"), conventions("Argo reference table 1"), fillC)
	scalar("FORMAT_VERSION", "STRING4", "3.1", longName("File format version"), fillC)
	scalar("HANDBOOK_VERSION", "STRING4", "1.2", longName("Data handbook version"), fillC)
	names := make([]string, len(rows))
	values := make([]string, len(rows))
	cycles := make([]int32, len(rows))
	for i, r := range rows {
		names[i], values[i], cycles[i] = r.name, r.value, r.cycle
	}
	d.text("TECHNICAL_PARAMETER_NAME", []string{"N_TECH_PARAM", "STRING128"}, names, longName("Name of technical parameter"), fillC)
	d.text("TECHNICAL_PARAMETER_VALUE", []string{"N_TECH_PARAM", "STRING128"}, values, longName("Value of technical parameter"), fillC)
	d.add("CYCLE_NUMBER", nc.Int, []string{"N_TECH_PARAM"}, cycles, longName("Float cycle number"), cycleConv, fillI)
	d.global = []nc.Attr{
		str("title", "Argo float technical data file"),
		str("institution", f.Institution),
		str("source", "Argo float"),
		str("history", historyAttr(created, updated)),
		str("references", "http://www.argodatamgt.org/Documentation"),
		str("user_manual_version", "3.1"),
		str("Conventions", "Argo-3.1 CF-1.6"),
		str("comment", synthetic),
	}
	return d.write(path, nc.Classic)
}
