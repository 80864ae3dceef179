/* SPDX-License-Identifier: MIT */
/*
 * model/vocab.h - the normalised vocabulary of spec/model.md.
 *
 * Vendors spell algorithms differently; the model holds one value per
 * algorithm and reports print the canonical name. Vendor spellings live in
 * the parsers' own tables.
 */
#ifndef IPSECLINT_MODEL_VOCAB_H
#define IPSECLINT_MODEL_VOCAB_H

#include <stdbool.h>

enum enc {
	ENC_UNSET = 0,
	ENC_DES,
	ENC_3DES,
	ENC_CDMF,
	ENC_AES128,
	ENC_AES192,
	ENC_AES256,
	ENC_AES128_GCM,
	ENC_AES192_GCM,
	ENC_AES256_GCM,
	ENC_AES128_GMAC,
	ENC_AES192_GMAC,
	ENC_AES256_GMAC,
	ENC_SM1,
	ENC_SM4,
	ENC_NULL,
	ENC__COUNT
};

/* integrity, IKEv1 hash and PRF share one enum */
enum integ {
	INTEG_UNSET = 0,
	INTEG_MD5,
	INTEG_KEYED_MD5,
	INTEG_SHA1,
	INTEG_SHA256,
	INTEG_SHA384,
	INTEG_SHA512,
	INTEG_SM3,
	INTEG_AES_XCBC,
	INTEG__COUNT
};

enum auth_method {
	AUTH_UNSET = 0,
	AUTH_PSK,
	AUTH_RSA_SIG,
	AUTH_ECDSA,
	AUTH_DIGITAL_ENVELOPE,
	AUTH__COUNT,
};

enum id_type {
	ID_NONE = 0,
	ID_IPV4,
	ID_IPV6,
	ID_FQDN,
	ID_USER_FQDN,
	ID_DN,
	ID_KEY_ID,
	ID_IPV4_SUBNET,
	ID_IPV4_RANGE,
	ID_IPV6_SUBNET,
	ID_IPV6_RANGE,
	ID_ANY,
	ID__COUNT
};

const char *vocab_enc_name(enum enc e);		 /* "aes-256" */
const char *vocab_integ_name(enum integ i);	 /* "sha2-256" */
const char *vocab_auth_name(enum auth_method m); /* "psk" */
const char *vocab_id_type_name(enum id_type t);	 /* "ipv4", "fqdn" */
bool vocab_enc_parse(const char *canonical, enum enc *out);
bool vocab_integ_parse(const char *canonical, enum integ *out);

/* Weak by rules.md "weak-algorithm": DES, 3DES, CDMF, NULL; MD5, KEYED_MD5, SHA-1; DH 1, 2, 5. */
bool vocab_enc_is_weak(enum enc e);
bool vocab_integ_is_weak(enum integ i);
bool vocab_dh_is_weak(int group);
/* SM1/SM3/SM4 (Chinese national algorithms). */
bool vocab_enc_is_sm(enum enc e);
bool vocab_integ_is_sm(enum integ i);
/* Known IANA DH group numbers (1, 2, 5, 14-21, 24, 25, 26, 31, ...). */
bool vocab_dh_is_known(int group);

#endif
