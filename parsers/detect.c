/* SPDX-License-Identifier: MIT */
/*
 * parsers/detect.c - which vendor wrote a file, from its content.
 *
 * Each line of the first MiB (at most DETECT_MAX_LINES lines) scores points
 * for the vendors whose syntax it looks like; the best score wins when it
 * reaches DETECT_MIN_SCORE. Strong markers (a Huawei `ike peer` view, an
 * HP-UX `add host ... -source`, an AIX `lsfilt -O` record) are worth more
 * than weak ones (a `#` separator, `<?xml`). The file name is used only to
 * break a tie. Binary data (NUL bytes, or mostly control characters in the
 * first 64 KiB) is never a configuration.
 */
#include "parsers/vendors.h"

#include <string.h>

#define DETECT_SCAN_BYTES ((size_t)1 << 20)
#define DETECT_BINARY_BYTES ((size_t)64 << 10)
#define DETECT_MAX_LINES 20000
#define DETECT_MIN_SCORE 4

static bool starts(const char *p, size_t n, const char *s)
{
	size_t m = strlen(s);
	return n >= m && memcmp(p, s, m) == 0;
}

static bool contains(const char *p, size_t n, const char *s)
{
	size_t m = strlen(s);

	if (!m)
		return true;
	for (size_t i = 0; i + m <= n; i++) {
		const char *q = memchr(p + i, s[0], n - m + 1 - i);
		if (!q)
			return false;
		i = (size_t)(q - p);
		if (memcmp(q, s, m) == 0)
			return true;
	}
	return false;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* NUL bytes, or more than 5% control characters, in the first 64 KiB. */
static bool looks_binary(const struct source *src)
{
	size_t n = src->len < DETECT_BINARY_BYTES ? src->len : DETECT_BINARY_BYTES;
	size_t ctl = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)src->text[i];
		if (c == 0)
			return true;
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' &&
		     c != 0x1b) ||
		    c == 0x7f)
			ctl++;
	}
	return n && ctl * 20 > n;
}

static size_t count_char(const char *p, size_t n, char ch)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += p[i] == ch;
	return k;
}

static size_t count_words(const char *p, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n;) {
		while (i < n && is_blank(p[i]))
			i++;
		if (i < n)
			k++;
		while (i < n && !is_blank(p[i]))
			i++;
	}
	return k;
}

/* "[V300R019C00SPC300]": the version header of a Huawei AR dump */
static bool huawei_version_header(const char *p, size_t n)
{
	return n >= 6 && p[0] == '[' && p[1] == 'V' && is_digit(p[2]) && p[n - 1] == ']' && memchr(p, 'R', n);
}

void huawei_score_line(const char *p, size_t n, int *s)
{
	static const char *const strong[] = {
		"ike peer ",
		"ike proposal ",
		"ipsec proposal ",
		"ipsec policy ",
		"ipsec policy-template ",
		"ipsec profile ",
		"acl number ",
		"sysname ",
	};
	static const char *const medium[] = {
		"interface GigabitEthernet",
		"interface Ethernet",
		"interface LoopBack",
		"interface Vlanif",
		"interface Tunnel",
		"interface Eth-Trunk",
		"interface NULL",
		"ip route-static ",
		"user-interface ",
		"pre-shared-key ",
		"remote-address ",
		"ike-peer ",
		"security acl ",
		"esp encryption-algorithm ",
		"encryption-algorithm ",
		"acl name ",
	};

	if (huawei_version_header(p, n)) {
		*s += 5;
		return;
	}
	if ((n == 6 && memcmp(p, "return", 6) == 0) || (n == 1 && p[0] == '#')) {
		*s += 1;
		return;
	}
	for (size_t i = 0; i < sizeof(strong) / sizeof(strong[0]); i++) {
		if (starts(p, n, strong[i])) {
			*s += 3;
			return;
		}
	}
	for (size_t i = 0; i < sizeof(medium) / sizeof(medium[0]); i++) {
		if (starts(p, n, medium[i])) {
			*s += 2;
			return;
		}
	}
	if (starts(p, n, "rule ") && (contains(p, n, " permit") || contains(p, n, " deny")))
		*s += 2;
	else if ((starts(p, n, "[~") || starts(p, n, "[*")) && memchr(p, ']', n))
		*s += 2; /* VRP8 prompts: still Huawei, the driver flags the dialect */
}

/*
 * A CLI prompt before a command ("[R1-ike-peer-x]version 2", "<R1>display ...",
 * "[~HUAWEI] commit"): the offset of the command, or 0 when there is none.
 */
static size_t prompt_len(const char *p, size_t n)
{
	char close;
	size_t i;

	if (n < 3 || (p[0] != '[' && p[0] != '<'))
		return 0;
	close = p[0] == '[' ? ']' : '>';
	for (i = 1; i < n && i < 64 && p[i] != close; i++) {
		if (is_blank(p[i]) || p[i] == '"' || p[i] == '=' || p[i] == '<' || p[i] == '/')
			return 0;
	}
	if (i >= n || i >= 64 || i == 1 || p[i] != close)
		return 0;
	for (i++; i < n && is_blank(p[i]); i++)
		;
	return i < n && p[i] != '<' ? i : 0;
}

/* A VRP CLI transcript: the prompt is Huawei, the command after it is scored as a line. */
size_t huawei_prompt_len(const char *p, size_t n, int *s)
{
	size_t k = huawei_version_header(p, n) ? 0 : prompt_len(p, n);

	if (k)
		*s += 1;
	return k;
}

void hpux_score_line(const char *p, size_t n, int *s)
{
	static const char *const objs[] = {"host ", "tunnel ", "ike ",	   "ikev1 ",  "ikev2 ",
					   "auth ", "bypass ", "startup ", "gateway "};

	if (contains(p, n, "ipsec_config")) {
		*s += 5;
		return;
	}
	if (starts(p, n, "add ") || starts(p, n, "delete ")) {
		const char *q = p + (p[0] == 'a' ? 4 : 7);
		size_t m = n - (size_t)(q - p);
		for (size_t i = 0; i < sizeof(objs) / sizeof(objs[0]); i++) {
			if (starts(q, m, objs[i])) {
				*s += 3;
				if (contains(p, n, " -source") || contains(p, n, " -destination") ||
				    contains(p, n, " -priority") || contains(p, n, " -action") ||
				    contains(p, n, " -remote") || contains(p, n, " -preshared") ||
				    contains(p, n, " -authentication"))
					*s += 2;
				return;
			}
		}
	}
	/* a continuation line of a batch operation */
	if (p[0] == '-' &&
	    (starts(p, n, "-source ") || starts(p, n, "-destination ") || starts(p, n, "-priority ") ||
	     starts(p, n, "-action ") || starts(p, n, "-remote ") || starts(p, n, "-preshared ")))
		*s += 1;
}

void aix_score_line(const char *p, size_t n, int *s)
{
	static const char *const xml[] = {"<AIX_VPN",	    "<IKEProtection",  "<IPSecProtection",
					  "<IKETunnel",	    "<IPSecTunnel",    "<IKEProposal",
					  "<IPSecProposal", "<IKEPresharedKey"};
	size_t pipes;

	for (size_t i = 0; i < sizeof(xml) / sizeof(xml[0]); i++) {
		if (contains(p, n, xml[i])) {
			*s += starts(p, n, "<AIX_VPN") ? 6 : 4;
			return;
		}
	}
	if (starts(p, n, "<?xml")) {
		*s += 1;
		return;
	}
	/* lsfilt -O (22 fields) and lstun -O (27 fields): `|`-separated, rule/tunnel ID first */
	if (n && is_digit(p[0]) && (pipes = count_char(p, n, '|')) >= 2) {
		size_t i = 0;
		while (i < n && is_digit(p[i]))
			i++;
		if (i < n && p[i] == '|') {
			const char *f = p + i + 1;
			size_t m = n - i - 1;
			if (starts(f, m, "permit|") || starts(f, m, "deny|") || starts(f, m, "if|") ||
			    starts(f, m, "else|") || starts(f, m, "endif|") || starts(f, m, "shun_host|") ||
			    starts(f, m, "shun_port|") || starts(f, m, "*** Dynamic filter placement")) {
				*s += 4;
				return;
			}
			if (pipes == 21 || pipes == 26) { /* lsfilt -O / lstun -O record */
				*s += 4;
				return;
			}
		}
	}
	/* human-readable lsfilt */
	if (starts(p, n, "Beginning of IPv4 filter rules") ||
	    starts(p, n, "Beginning of IPv6 filter rules")) {
		*s += 5;
		return;
	}
	if (starts(p, n, "Rule ") && n > 6 && is_digit(p[5]) && p[n - 1] == ':') {
		*s += 3;
		return;
	}
	if (starts(p, n, "Rule action") || starts(p, n, "Source Mask") || starts(p, n, "Destination Mask") ||
	    starts(p, n, "Source Routing") || starts(p, n, "Fragment control") ||
	    starts(p, n, "Tunnel ID number")) {
		*s += 2;
		return;
	}
	/* ipsec_fltr_rule.exp: "4 3 permit ADDR MASK ADDR MASK y all any 0 eq 2222 ..." */
	if (n > 4 && (p[0] == '4' || p[0] == '6') && p[1] == ' ' && is_digit(p[2]) &&
	    (contains(p, n, " permit ") || contains(p, n, " deny ")) && count_words(p, n) >= 20)
		*s += 4;
	/* a manual-tunnel export line as ipseclint reads it: the IP version, then the 27 lstun fields */
	else if (n > 4 && (p[0] == '4' || p[0] == '6') && p[1] == ' ' && is_digit(p[2]) &&
		 (contains(p, n, " Tunnel ") || contains(p, n, " Transport ")) && count_words(p, n) == 28)
		*s += 4;
}

static bool has_extension(const struct vendor_ops *v, const char *path)
{
	const char *dot = path ? strrchr(path, '.') : NULL;

	for (const char *const *e = v->extensions; dot && *e; e++)
		if (!strcmp(dot, *e))
			return true;
	return false;
}

enum vendor detect_vendor(const struct source *src, const char **reason)
{
	int score[VENDOR__COUNT] = {0}; /* by row of the table: fewer rows than vendors */
	size_t n, lines = 0;
	const char *t;
	size_t best = 0;
	bool tie = false;

	if (reason)
		*reason = "no Huawei, HP-UX or AIX statement found";
	if (!src || !src->text || !src->len) {
		if (reason)
			*reason = "the file is empty";
		return VENDOR_UNKNOWN;
	}
	if (looks_binary(src)) {
		if (reason)
			*reason = "binary data";
		return VENDOR_UNKNOWN;
	}
	t = src->text;
	n = src->len < DETECT_SCAN_BYTES ? src->len : DETECT_SCAN_BYTES;
	if (n >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0) {
		t += 3;
		n -= 3;
	}
	for (size_t i = 0; i < n && lines < DETECT_MAX_LINES; lines++) {
		const char *nl = memchr(t + i, '\n', n - i);
		size_t end = nl ? (size_t)(nl - t) : n, a = i, b = end;

		i = end + 1;
		while (a < b && is_blank(t[a]))
			a++;
		while (b > a && is_blank(t[b - 1]))
			b--;
		if (a == b)
			continue;
		for (size_t v = 0; v < vendor_count; v++) {
			size_t k = vendor_table[v].line_prefix ?
					   vendor_table[v].line_prefix(t + a, b - a, &score[v]) :
					   0;

			if (k) {
				a += k;
				break;
			}
		}
		for (size_t v = 0; v < vendor_count; v++)
			vendor_table[v].score_line(t + a, b - a, &score[v]);
	}
	for (size_t v = 1; v < vendor_count; v++) {
		if (score[v] > score[best]) {
			best = v;
			tie = false;
		} else if (score[v] == score[best]) {
			tie = true;
		}
	}
	if (score[best] < DETECT_MIN_SCORE)
		return VENDOR_UNKNOWN;
	if (tie) {
		for (size_t v = 0; v < vendor_count; v++) {
			if (score[v] == score[best] && has_extension(&vendor_table[v], src->path))
				return vendor_table[v].id;
		}
		if (reason)
			*reason = "it looks like more than one vendor's format";
		return VENDOR_UNKNOWN;
	}
	return vendor_table[best].id;
}
