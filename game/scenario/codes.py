"""The stable diagnostic codes for scenario files, one place for all of them.

Each code is documented with a bad example and its fix in docs/errors.md;
a test checks that every code here has a section there.
"""

# fmt: off
# (the comments stay aligned in one column)
# Reading the file and its YAML
FILE_UNREADABLE = "GO0001"      # missing, a folder, permission denied
FILE_TOO_LARGE = "GO0002"       # over the size limit
NOT_UTF8 = "GO0003"             # bytes that are not UTF-8
YAML_SYNTAX = "GO0004"          # the YAML parser gave up
TAB_INDENT = "GO0005"           # a tab used for indentation
DUPLICATE_KEY = "GO0006"        # the same key twice in one mapping
TOO_DEEP = "GO0007"             # nesting deeper than the limit
ALIAS_EXPANSION = "GO0008"      # aliases/merges expand past the limit
FORBIDDEN_TAG = "GO0009"        # !!python/... or any non-standard tag
BAD_NUMBER = "GO0010"           # huge integer, NaN, infinity
NOT_A_MAPPING = "GO0011"        # empty file, or the top level is not a mapping
NON_STRING_KEY = "GO0012"       # a key that is not plain text

# Shape of the document (schema)
UNKNOWN_KEY = "GO0101"
MISSING_FIELD = "GO0102"
WRONG_TYPE = "GO0103"
OUT_OF_RANGE = "GO0104"
INVALID_CHOICE = "GO0105"       # a value not among the allowed words
UNSUPPORTED_FORMAT = "GO0106"   # format version this program does not read
INVALID_VALUE = "GO0107"        # any other schema complaint (bad id, empty text)
FORMAT_UPGRADED = "GO0108"      # warning: an earlier format read as the current one
TOO_MANY_PROBLEMS = "GO0109"    # the rest of a long list of schema errors, counted

# References and expressions
UNKNOWN_PARTY = "GO0201"
UNKNOWN_VENUE = "GO0202"
UNKNOWN_MESSAGE = "GO0203"
UNKNOWN_PHASE = "GO0204"
UNKNOWN_NAME = "GO0205"         # a name in an expression that nothing declares
UNKNOWN_PRINCIPLE = "GO0206"
EXPRESSION_SYNTAX = "GO0207"
ASSET_OUTSIDE = "GO0208"        # an asset path that leaves the scenario folder
ASSET_MISSING = "GO0209"
DUPLICATE_ID = "GO0210"
UNKNOWN_VERB = "GO0211"
UNKNOWN_CHOICE = "GO0212"
UNKNOWN_SOURCE = "GO0213"       # an annotation cites a source the bibliography does not have
WARNING_WITHOUT_RECIPIENT = "GO0214"  # a safety or humanitarian message with no other party to warn
UNUSED_VERB_SETTING = "GO0215"  # warning: tuning, or a trigger, for a verb the scenario never offers
NUMBER_TOO_LARGE = "GO0216"     # a calculation of constants beyond ±10^15 (it would overflow in play)
VARIABLE_TOO_LARGE = "GO0217"   # a variable's initial, min or max beyond ±10^15

# Structure of the phase machine and use of what is declared
UNREACHABLE_PHASE = "GO0301"
DEAD_END_PHASE = "GO0302"
UNREACHED_ENDING = "GO0303"
UNUSED_MESSAGE = "GO0304"       # warning
UNUSED_VENUE = "GO0305"         # warning
NO_ENDING = "GO0306"
DEADLINE_WITHOUT_ARRIVAL = "GO0307"  # deliver_within on a message that never arrives
INERT_CHOICE = "GO0308"         # warning: a choice offered where nothing reacts to it
UNREAD_VARIABLE = "GO0309"      # warning: a variable no condition or effect reads
FIXED_CONDITION = "GO0310"      # warning: a condition reads a variable no effect changes
EVENT_NEVER_FIRES = "GO0311"    # warning: an event limited to phases where events never fire

# Session logs (the save files)
LOG_UNREADABLE = "GO0401"
LOG_BAD_LINE = "GO0402"         # a line that is not a JSON record
LOG_NO_HEADER = "GO0403"
LOG_UNSUPPORTED = "GO0404"      # a log format this program does not read
LOG_CUT_OFF = "GO0405"          # warning: the last line was cut off by a crash
LOG_MISMATCH = "GO0406"         # replay produced something else
LOG_SCENARIO_CHANGED = "GO0407" # the scenario file is not the one the log was played on
LOG_SCENARIO_MISSING = "GO0408"
LOG_FINISHED = "GO0409"         # resume asked of a session that has ended
# fmt: on
