# Shared by the dovecotvpw tests (sourced after tests/lib.sh; not a test
# itself): checkvpw's world (tests/e2e/checkvpw/world.sh) built, HELPER the
# dovecotvpw program, J joe's Maildir.
source "$TOP/tests/e2e/checkvpw/world.sh"
need python3
world_init
HELPER=$TOP/dovecotvpw
[ -x "$HELPER" ] || fail "dovecotvpw is not built"
J=$BASE_HOME/users/joe
