# The option table of each program drives its parsing and --help; this
# checks the man page against that same table, so the three never drift:
# the SYNOPSIS reads exactly like the usage line of --help, and the OPTIONS
# section has one item per option of the table (short and long name and the
# value's name together), nothing more. checkvpw takes no options (its
# argv is the next program); its SYNOPSIS is checked against its usage line.
source "$TOP/tests/lib.sh"
need python3
cd "$TOP"
progs=$(ls *.cc | sed 's/\.cc$//')
[ -n "$progs" ] || fail "no programs"
for p in $progs; do [ -x "$p" ] || fail "$p is not built"; done
run python3 - $progs <<'PY'
import re, subprocess, sys

def roff_words(line):
    """The text of one roff line: .B/.I take the rest; .BR/.IR/.RI/.RB/.BI/.IB
    join their arguments without blanks (alternating fonts)."""
    line = line.replace('\\-', '-').replace('\\fI', '').replace('\\fR', '').replace('\\fB', '').replace('\\fP', '')
    m = re.match(r'^\.(B|I|BR|IR|RI|RB|BI|IB)\s+(.*)$', line)
    if not m:
        return None if line.startswith('.') else line
    args = re.findall(r'"([^"]*)"|(\S+)', m.group(2))
    args = [a or b for a, b in args]
    return ' '.join(args) if m.group(1) in ('B', 'I') else ''.join(args)

def option_of(text):
    """(short, long, value name) of an option as --help or a man page item
    shows it: "-c, --msgcount=COUNT", "-c COUNT, --msgcount=COUNT", "--quiet",
    "-D" (the help text after two blanks is not part of it)."""
    text = re.split(r'\s{2,}', text)[0]
    short = re.search(r'(?:^|[\s,])-(\w)\b', text)
    long = re.search(r'--([\w-]+)', text)
    value = re.search(r'=(\S+)$', text) or re.search(r'^-\w (\S+?),', text)
    return (short and short.group(1), long and long.group(1), value and value.group(1))

def section(text, name):
    m = re.search(r'^\.SH ' + name + r'\n(.*?)(?=^\.SH )', text, re.S | re.M)
    return m.group(1) if m else ''

problems = []
for prog in sys.argv[1:]:
    page = open([f for f in (f'man/{prog}.1', f'man/{prog}.8') if __import__('os').path.exists(f)][0]).read()
    # forms of the SYNOPSIS are separated by .br; the first is the usage line,
    # any other must also start with the program and its options
    forms = [' '.join(w for w in map(roff_words, f.splitlines()) if w)
             for f in section(page, 'SYNOPSIS').split('.br\n')]
    synopsis = forms[0]
    for extra in forms[1:]:
        if not extra.startswith(prog + ' [OPTION]... '):
            problems.append(f'{prog}: man SYNOPSIS form [{extra}] does not start with "{prog} [OPTION]... "')
    if prog == 'checkvpw':
        r = subprocess.run(['./checkvpw'], capture_output=True, text=True, stdin=subprocess.DEVNULL)
        usage = [l for l in r.stderr.splitlines() if l.startswith('checkvpw: usage: ')]
        want = usage[0][len('checkvpw: usage: '):] if usage else '(no usage line)'
        help_options = []
    else:
        out = subprocess.run([f'./{prog}', '--help'], capture_output=True, text=True).stdout
        want = out.splitlines()[0][len('usage: '):]
        help_options = [option_of(l.strip()) for l in out.splitlines() if l.startswith('  -')]
    if synopsis != want:
        problems.append(f'{prog}: man SYNOPSIS [{synopsis}] != usage [{want}]')
    items = []
    lines = section(page, 'OPTIONS').splitlines()
    for i, l in enumerate(lines):
        if l == '.TP' and i + 1 < len(lines):
            t = roff_words(lines[i + 1]) or ''
            if t.startswith('-'):
                items.append(t)
    documented = set(option_of(t) for t in items)
    wanted = set(o for o in help_options if o[1] not in ('help', 'version'))
    documented = set(o for o in documented if o[1] not in ('help', 'version'))
    for o in sorted(wanted - documented, key=str):
        problems.append(f'{prog}: option {o} of the table is not an OPTIONS item of the man page')
    for o in sorted(documented - wanted, key=str):
        problems.append(f'{prog}: man page OPTIONS item {o} is not in the option table')
print('\n'.join(problems))
sys.exit(1 if problems else 0)
PY
[ "$rc" = 0 ] || fail "man pages and option tables disagree:
$out$err"
