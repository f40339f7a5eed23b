// Writes the small profiles of reportRows.test.ts's last section with Go's own profile package and
// prints each as base64 (the test's goBuilt table); the test's expected texts are what
// `go tool pprof -symbolize=none <args> <file>` 1.19.8 prints for these files. Not built by the
// tests. To run it, make a scratch module named "oracle" holding a copy of Go's vendored package:
//
//	mkdir -p /tmp/o/gen && cd /tmp/o && printf 'module oracle\n\ngo 1.19\n' > go.mod
//	cp -r "$(go env GOROOT)/src/cmd/vendor/github.com/google/pprof/profile" .
//	cp <repo>/test/support/goprofiles/main.go gen/ && go run ./gen /tmp/o/p
package main

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"

	"oracle/profile"
)

type b struct {
	p    *profile.Profile
	fns  map[string]*profile.Function
	locs map[string]*profile.Location
}

func newB(types ...string) *b {
	p := &profile.Profile{}
	for i := 0; i < len(types); i += 2 {
		p.SampleType = append(p.SampleType, &profile.ValueType{Type: types[i], Unit: types[i+1]})
	}
	return &b{p: p, fns: map[string]*profile.Function{}, locs: map[string]*profile.Location{}}
}

func (x *b) fn(name, file string) *profile.Function {
	if f, ok := x.fns[name+"@"+file]; ok {
		return f
	}
	f := &profile.Function{ID: uint64(len(x.p.Function) + 1), Name: name, SystemName: name, Filename: file}
	x.p.Function = append(x.p.Function, f)
	x.fns[name+"@"+file] = f
	return f
}

// loc: a location with the given functions, innermost first (inlined frames).
func (x *b) loc(key string, m *profile.Mapping, names ...string) *profile.Location {
	if l, ok := x.locs[key]; ok {
		return l
	}
	l := &profile.Location{ID: uint64(len(x.p.Location) + 1), Mapping: m}
	if m != nil {
		l.Address = m.Start + 0x10*l.ID
	}
	for i, n := range names {
		l.Line = append(l.Line, profile.Line{Function: x.fn(n, "x.go"), Line: int64(10*(i+1) + int(l.ID))})
	}
	x.p.Location = append(x.p.Location, l)
	x.locs[key] = l
	return l
}

func (x *b) sample(vals []int64, stack ...string) *profile.Sample {
	s := &profile.Sample{Value: vals}
	for _, k := range stack {
		l, ok := x.locs[k]
		if !ok {
			l = x.loc(k, nil, k)
		}
		s.Location = append(s.Location, l)
	}
	x.p.Sample = append(x.p.Sample, s)
	return s
}

// dir receives the profile files (the first argument).
var dir = "."

func v(xs ...int64) []int64 { return xs }

func out(name string, p *profile.Profile) {
	if err := p.CheckValid(); err != nil {
		panic(name + ": " + err.Error())
	}
	var buf bytes.Buffer
	if err := p.WriteUncompressed(&buf); err != nil {
		panic(err)
	}
	os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644)
	fmt.Printf("  %s: '%s',\n", name, base64.StdEncoding.EncodeToString(buf.Bytes()))
}

func main() {
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	os.MkdirAll(dir, 0o755)
	// boundary: 20B of 2000B total (min*100 == max), a duration but bytes, no time.
	{
		x := newB("alloc_space", "bytes")
		m := &profile.Mapping{ID: 1, Start: 0x1000, Limit: 0x9000, File: "/bin/units"}
		x.p.Mapping = []*profile.Mapping{m}
		x.loc("small", m, "main.small")
		x.loc("big", m, "main.big")
		x.loc("main", m, "main.main")
		x.sample(v(20), "small", "main")
		x.sample(v(1980), "big", "main")
		x.p.DurationNanos = 1500000000
		out("boundary.pb", x.p)
	}
	// ratio: 5B of 1000B.
	{
		x := newB("inuse_space", "bytes")
		x.sample(v(5), "main.small", "main.main")
		x.sample(v(995), "main.big", "main.main")
		out("ratio.pb", x.p)
	}
	// cumzero: a kept node without flat whose cum is the smallest value.
	{
		x := newB("inuse_space", "bytes")
		x.sample(v(100000), "main.big")
		x.sample(v(3), "main.b1", "main.r1")
		x.sample(v(3), "main.b2", "main.r1")
		out("cumzero.pb", x.p)
	}
	// zero: a node whose flat and cum cancel out to 0 (one positive, one negative sample).
	{
		x := newB("alloc_objects", "count", "alloc_space", "bytes")
		x.sample(v(1, 10), "main.small")
		x.sample(v(1, 1000000), "main.big")
		x.sample(v(7, 5), "main.zz", "main.p")
		x.sample(v(7, -5), "main.zz", "main.q")
		out("zero.pb", x.p)
	}
	// cpuzero: nanoseconds with a duration, every cpu value 0.
	{
		x := newB("samples", "count", "cpu", "nanoseconds")
		x.p.DurationNanos = 1000000000
		x.sample(v(3, 0), "main.a")
		out("cpuzero.pb", x.p)
	}

	// notype: a sample type without a name and an unknown unit, no mapping, no time.
	{
		x := newB("", "widgets")
		x.sample(v(3), "main.a")
		x.sample(v(400), "main.b", "main.a")
		out("notype.pb", x.p)
	}
	// cpu: nanoseconds with a duration, for a filter that leaves nothing.
	{
		x := newB("samples", "count", "cpu", "nanoseconds")
		x.p.PeriodType = &profile.ValueType{Type: "cpu", Unit: "nanoseconds"}
		x.p.Period = 10000000
		x.p.DurationNanos = 2000000000
		x.p.TimeNanos = 1700000000000000000
		x.sample(v(1, 10000000), "main.a", "main.main")
		x.sample(v(2, 20000000), "main.b", "main.main")
		out("cpu.pb", x.p)
	}
	// traces: labels with two values for a key, keys out of order once padded.
	{
		x := newB("alloc_space", "bytes")
		s := x.sample(v(100), "main.leaf", "main.mid", "main.main")
		s.Label = map[string][]string{"b": {"y", "x"}, "aa": {"z"}}
		s.NumLabel = map[string][]int64{"bytes": {2048, 1024}, "n": {3}}
		s.NumUnit = map[string][]string{"bytes": {"bytes", "bytes"}, "n": {"requests"}}
		s = x.sample(v(50), "main.leaf2", "main.main")
		s.NumLabel = map[string][]int64{"other": {7}, "bytes": {64}}
		s.NumUnit = map[string][]string{"other": {"bytes"}, "bytes": {"bytes"}}
		x.sample(v(25), "main.main")
		out("traces.pb", x.p)
	}
	// inline: g inlined into f at one site and called from h at another.
	{
		x := newB("samples", "count")
		x.loc("L1", nil, "main.g", "main.f")
		x.loc("L2", nil, "main.g")
		x.loc("L3", nil, "main.h")
		x.loc("L4", nil, "main.main")
		x.sample(v(10), "L1", "L4")
		x.sample(v(5), "L2", "L3", "L4")
		out("inline.pb", x.p)
	}
	// redundant: A->X->B with X dropped by -nodecount, next to A->Y->B.
	{
		x := newB("samples", "count")
		x.sample(v(1), "main.B", "main.X", "main.A")
		x.sample(v(10), "main.B", "main.Y", "main.A")
		x.sample(v(100), "main.A")
		x.sample(v(50), "main.Y", "main.A")
		out("redundant.pb", x.p)
	}
	// twobin: the same function in two binaries.
	{
		x := newB("samples", "count")
		m1 := &profile.Mapping{ID: 1, Start: 0x1000, Limit: 0x2000, File: "/bin/one"}
		m2 := &profile.Mapping{ID: 2, Start: 0x3000, Limit: 0x4000, File: "/lib/two.so"}
		x.p.Mapping = []*profile.Mapping{m1, m2}
		f2 := &profile.Function{ID: 100, Name: "lib.f", SystemName: "lib.f", Filename: "f.go"}
		x.p.Function = append(x.p.Function, f2)
		x.loc("a", m1, "lib.f")
		lb := &profile.Location{ID: 50, Mapping: m2, Address: 0x3100, Line: []profile.Line{{Function: f2, Line: 7}}}
		x.p.Location = append(x.p.Location, lb)
		x.locs["b"] = lb
		x.loc("m", m1, "main.main")
		x.sample(v(3), "a", "m")
		x.sample(v(4), "b", "m")
		out("twobin.pb", x.p)
	}
	// recurse: lib.r at f.go:7 in two binaries, both in one stack (-list keeps binary names:
	// two nodes, so the line's cum counts the sample twice).
	{
		x := newB("samples", "count")
		m1 := &profile.Mapping{ID: 1, Start: 0x1000, Limit: 0x2000, File: "/bin/one"}
		m2 := &profile.Mapping{ID: 2, Start: 0x3000, Limit: 0x4000, File: "/lib/two.so"}
		x.p.Mapping = []*profile.Mapping{m1, m2}
		f := &profile.Function{ID: 1, Name: "lib.r", SystemName: "lib.r", Filename: "f.go"}
		x.p.Function = append(x.p.Function, f)
		la := &profile.Location{ID: 1, Mapping: m1, Address: 0x1100, Line: []profile.Line{{Function: f, Line: 7}}}
		lb := &profile.Location{ID: 2, Mapping: m2, Address: 0x3100, Line: []profile.Line{{Function: f, Line: 7}}}
		x.p.Location = append(x.p.Location, la, lb)
		x.locs["a"], x.locs["b"] = la, lb
		x.sample(v(5), "a", "b", "main.main")
		out("recurse.pb", x.p)
	}
	// nofile: a function without a file name, next to one with.
	{
		x := newB("samples", "count")
		f := &profile.Function{ID: 1, Name: "main.nofile", SystemName: "main.nofile"}
		x.p.Function = append(x.p.Function, f)
		l := &profile.Location{ID: 1, Line: []profile.Line{{Function: f, Line: 0}}}
		x.p.Location = append(x.p.Location, l)
		x.locs["nofile"] = l
		x.sample(v(2), "nofile", "main.main")
		out("nofile.pb", x.p)
	}
}
