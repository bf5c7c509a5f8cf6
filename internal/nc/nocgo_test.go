//go:build !cgo

package nc

func cgoDisabled() bool { return true }
