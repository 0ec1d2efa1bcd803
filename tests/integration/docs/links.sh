#!/usr/bin/env bash
# A fresh clone is complete: every relative link in a Markdown file of the
# project resolves to a file in the repository, and no file names a
# document outside it (the notes its authors kept beside the repository)
# or an issue number. What the suite rests on lives in docs/.
set -u
cd "$(dirname "$0")/../../.."
failed=0
bad() { echo "FAIL: $*"; failed=1; }

[ -f docs/README.md ] || bad "docs/README.md is missing"
mapfile -t mds < <(find . -name '*.md' -not -path './build/*' -not -path './.git/*' | sort)
[ ${#mds[@]} -ge 10 ] || bad "only ${#mds[@]} Markdown files found"
links=0
for f in "${mds[@]}"; do
	dir=$(dirname "$f")
	# [text](target): a relative target, without its #fragment, must exist.
	while IFS= read -r t; do
		case $t in http://* | https://* | mailto:* | '#'*) continue ;; esac
		links=$((links + 1))
		[ -e "$dir/${t%%#*}" ] || bad "$f: the link ($t) does not resolve"
	done < <(grep -o '\]([^) ]*)' "$f" | sed 's/^](//; s/)$//')
done
[ "$links" -ge 50 ] || bad "only $links relative links found: is the link pattern right?"

# Names of documents outside the repository, and issue references.
pattern='\.\./shared|shared folder|METHODOLOGY\.md|CLAIMS\.md|HOST-NOTES|closing note|bench branch|[Ii]ssue #?[0-9]+'
hits=$(grep -r -n -I -E "$pattern" --exclude-dir=build --exclude-dir=.git . |
	grep -v -E '^\./tests/integration/docs/links\.sh:')
[ -z "$hits" ] || bad "files that point outside the repository:
$hits"

[ "$failed" -eq 0 ] || exit 1
echo "docs: ${#mds[@]} Markdown files, $links relative links, all inside the repository"
