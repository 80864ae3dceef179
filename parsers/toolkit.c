/* SPDX-License-Identifier: MIT */
/*
 * parsers/toolkit.c - value readers shared by the drivers (see toolkit.h).
 */
#include "parsers/toolkit.h"

bool drv_uint(const char *s, size_t n, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;

	if (!n)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned d = (unsigned)(unsigned char)s[i] - '0';

		if (d > 9 || v > (UINT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	if (v > max)
		return false;
	*out = v;
	return true;
}
