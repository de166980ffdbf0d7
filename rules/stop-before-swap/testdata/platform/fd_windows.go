//go:build windows

package platform

// The same type for another platform, with other fields.
type FD struct {
	handle uintptr
}
