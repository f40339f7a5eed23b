// trimPath against the answers of pprof's own trimPath (Go 1.19's vendored
// internal/report/source.go, run on Linux): the posix table below was printed by that function.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { trimPath, trimPathWithLists, windowsPaths } from '../../src/core/trimPath';

describe('trimPath (posix, as pprof on Linux)', () => {
  const goAnswers: [path: string, trim: string, searchPath: string, want: string][] = [
    ['/some/remote/path/my-project/foo/bar.c', '', '/my/local/path/my-project', 'foo/bar.c'],
    ['/vagrant_data/go/src/github.com/example/leaky/main.go', '', '/home/me/leaky', 'main.go'],
    ['/vagrant_data/go/src/github.com/example/leaky/main.go', '', '/home/me/other:/x/leaky', 'main.go'],
    ['/vagrant_data/go/src/github.com/example/leaky/main.go', '', '/home/me/leaky/', 'main.go'],
    ['/vagrant_data/go/src/github.com/example/leaky/main.go', '/vagrant_data/go/src', '/home/me/leaky', 'github.com/example/leaky/main.go'],
    ['/vagrant_data/go/src/github.com/example/leaky/main.go', '/nope:/vagrant_data/go/src/', '/x', 'github.com/example/leaky/main.go'],
    ['/proc/self/cwd/./pkg/a.go', '', '/ws', 'pkg/a.go'],
    ['/proc/self/cwd/pkg/a.go', '', '/ws', 'pkg/a.go'],
    ['/proc/self/cwd/pkg/a.go', '', '', 'pkg/a.go'],
    ['runtime/proc.go', '', '/ws', 'runtime/proc.go'],
    ['/a/b/c.go', '', '/', '/a/b/c.go'],
    ['/a/./b/c.go', '', '', '/a/./b/c.go'],
    ['/a/./b/c.go', '', 'a::b', './b/c.go'],
    ['/a/b/c.go', '', '/x/a', 'b/c.go'],
    ['/a/b/../c.go', '', '/x/b', '../c.go'],
    ['/x/leaky/y/leaky/z.go', '', '/w/leaky', 'y/leaky/z.go'],
  ];
  for (const [path, trim, searchPath, want] of goAnswers) {
    it(`trimPath(${JSON.stringify(path)}, ${JSON.stringify(trim)}, ${JSON.stringify(searchPath)}) = ${JSON.stringify(want)}`, () => {
      assert.equal(trimPath(path, trim, searchPath), want);
    });
  }

  it('always returns a suffix of its input', () => {
    for (const [path, trim, searchPath] of goAnswers) {
      assert.ok(path.endsWith(trimPath(path, trim, searchPath)));
    }
  });

  it('trimPathWithLists takes folders that contain the list separator', () => {
    assert.equal(trimPathWithLists('/build/we:ird/x.go', [], ['/home/we:ird']), 'x.go');
    assert.equal(trimPath('/build/we:ird/x.go', '', '/home/we:ird'), '/build/we:ird/x.go', 'the string form splits at ":"');
    assert.equal(trimPathWithLists('/build/src/x.go', ['/build'], ['/home/src']), 'src/x.go', 'a trim path turns the heuristic off');
  });
});

describe('trimPath (windows rules)', () => {
  it('compares with slashes but slices the original path', () => {
    assert.equal(trimPath('C:\\build\\proj\\foo\\bar.go', '', 'D:\\src\\proj', windowsPaths), 'foo\\bar.go');
    assert.equal(trimPath('C:\\build\\proj\\foo\\bar.go', 'C:\\build', 'D:\\x', windowsPaths), 'proj\\foo\\bar.go');
  });

  it('splits lists at ";" and honours quotes', () => {
    assert.equal(trimPath('C:/b/we;ird/x.go', '', '"D:\\we;ird";E:\\x', windowsPaths), 'x.go');
    assert.equal(trimPath('C:/b/x/y.go', '', 'D:\\a;E:\\x', windowsPaths), 'y.go');
  });

  it('takes the base name after the volume name', () => {
    assert.equal(trimPath('C:/b/x/y.go', '', 'E:x', windowsPaths), 'y.go');
    assert.equal(trimPath('C:/b/share/y.go', '', '\\\\host\\share', windowsPaths), 'C:/b/share/y.go', 'a bare UNC volume has no base name');
  });
});
