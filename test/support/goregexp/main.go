// The oracle of goRegexp.test.ts: reads JSON [pattern, input] pairs, one per line, and prints
// "1" or "0" (Go's regexp.MatchString) or "E <error>" (regexp.Compile refused it) per line.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
)

func main() {
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for sc.Scan() {
		var pair [2]string
		if err := json.Unmarshal(sc.Bytes(), &pair); err != nil {
			fmt.Fprintf(w, "E bad input line\n")
			continue
		}
		re, err := regexp.Compile(pair[0])
		if err != nil {
			fmt.Fprintf(w, "E %s\n", err)
			continue
		}
		if re.MatchString(pair[1]) {
			fmt.Fprintln(w, "1")
		} else {
			fmt.Fprintln(w, "0")
		}
	}
}
