/* SPDX-License-Identifier: MIT */
/*
 * tests/shared_dir.h - the real-world configurations of ../shared: where they
 * are (the make variable SHARED, compiled in as IPSECLINT_SHARED), and a
 * visible skip of a test that reads them when they are not there.
 */
#ifndef IPSECLINT_TESTS_SHARED_DIR_H
#define IPSECLINT_TESTS_SHARED_DIR_H

#include <criterion/criterion.h>
#include <unistd.h>

#ifndef IPSECLINT_SHARED
#define IPSECLINT_SHARED "../shared"
#endif

/* the folder of the real-world files, to be joined with a literal name */
#define RW IPSECLINT_SHARED "/realworld/"

/* first statement of a test that reads files under RW */
#define NEED_REALWORLD()                                                                                  \
	do {                                                                                              \
		if (access(RW, R_OK) != 0)                                                                \
			cr_skip_test("no %s: the real-world tests need ../shared (make SHARED=DIR)", RW); \
	} while (0)

#endif
