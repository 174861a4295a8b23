// Package importer reads strace's text output back into stracedump records,
// each call as values (number, arguments, result, time) parsed through the
// decoder's own descriptions, and what the text cannot give back as values
// kept as text the record marks as such; it never traces anything.
package importer
