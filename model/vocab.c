/* SPDX-License-Identifier: MIT */
/*
 * model/vocab.c - canonical names of the normalised vocabulary
 * (spec/model.md) and the predicates the checker needs (rules.md
 * weak-algorithm and sm-algorithm-ikev2).
 */
#include "model/vocab.h"

#include <stddef.h>
#include <string.h>

#include "common/util.h"

static const char *const enc_names[ENC__COUNT] = {
	[ENC_UNSET] = "unset",
	[ENC_DES] = "des",
	[ENC_3DES] = "3des",
	[ENC_CDMF] = "cdmf",
	[ENC_AES128] = "aes-128",
	[ENC_AES192] = "aes-192",
	[ENC_AES256] = "aes-256",
	[ENC_AES128_GCM] = "aes-128-gcm",
	[ENC_AES192_GCM] = "aes-192-gcm",
	[ENC_AES256_GCM] = "aes-256-gcm",
	[ENC_AES128_GMAC] = "aes-128-gmac",
	[ENC_AES192_GMAC] = "aes-192-gmac",
	[ENC_AES256_GMAC] = "aes-256-gmac",
	[ENC_SM1] = "sm1",
	[ENC_SM4] = "sm4",
	[ENC_NULL] = "null",
};

static const char *const integ_names[INTEG__COUNT] = {
	[INTEG_UNSET] = "unset",     [INTEG_MD5] = "md5",	  [INTEG_KEYED_MD5] = "keyed-md5",
	[INTEG_SHA1] = "sha1",	     [INTEG_SHA256] = "sha2-256", [INTEG_SHA384] = "sha2-384",
	[INTEG_SHA512] = "sha2-512", [INTEG_SM3] = "sm3",	  [INTEG_AES_XCBC] = "aes-xcbc",
};

static const char *const auth_names[AUTH__COUNT] = {
	[AUTH_UNSET] = "unset",
	[AUTH_PSK] = "psk",
	[AUTH_RSA_SIG] = "rsa-sig",
	[AUTH_ECDSA] = "ecdsa",
	[AUTH_DIGITAL_ENVELOPE] = "digital-envelope",
};

static const char *const id_type_names[ID__COUNT] = {
	[ID_NONE] = "none",
	[ID_IPV4] = "ipv4",
	[ID_IPV6] = "ipv6",
	[ID_FQDN] = "fqdn",
	[ID_USER_FQDN] = "user-fqdn",
	[ID_DN] = "dn",
	[ID_KEY_ID] = "key-id",
	[ID_IPV4_SUBNET] = "ipv4-subnet",
	[ID_IPV4_RANGE] = "ipv4-range",
	[ID_IPV6_SUBNET] = "ipv6-subnet",
	[ID_IPV6_RANGE] = "ipv6-range",
	[ID_ANY] = "any",
};

/* Names never come back NULL: an out-of-range value prints as "unknown". */
static const char *name_of(const char *const *tab, size_t n, int v)
{
	if (v < 0 || (size_t)v >= n || !tab[v])
		return "unknown";
	return tab[v];
}

/* Exact, case-sensitive match of a canonical name; "unset" is not a value. */
static bool parse_in(const char *const *tab, size_t n, const char *s, int *out)
{
	if (!s)
		return false;
	for (size_t i = 1; i < n; i++) {
		if (tab[i] && strcmp(tab[i], s) == 0) {
			*out = (int)i;
			return true;
		}
	}
	return false;
}

const char *vocab_enc_name(enum enc e)
{
	return name_of(enc_names, ARRAY_SIZE(enc_names), (int)e);
}

const char *vocab_integ_name(enum integ i)
{
	return name_of(integ_names, ARRAY_SIZE(integ_names), (int)i);
}

const char *vocab_auth_name(enum auth_method m)
{
	return name_of(auth_names, ARRAY_SIZE(auth_names), (int)m);
}

const char *vocab_id_type_name(enum id_type t)
{
	return name_of(id_type_names, ARRAY_SIZE(id_type_names), (int)t);
}

bool vocab_enc_parse(const char *canonical, enum enc *out)
{
	int v;

	if (!parse_in(enc_names, ARRAY_SIZE(enc_names), canonical, &v))
		return false;
	if (out)
		*out = (enum enc)v;
	return true;
}

bool vocab_integ_parse(const char *canonical, enum integ *out)
{
	int v;

	if (!parse_in(integ_names, ARRAY_SIZE(integ_names), canonical, &v))
		return false;
	if (out)
		*out = (enum integ)v;
	return true;
}

bool vocab_enc_is_weak(enum enc e)
{
	return e == ENC_DES || e == ENC_3DES || e == ENC_CDMF || e == ENC_NULL;
}

bool vocab_integ_is_weak(enum integ i)
{
	return i == INTEG_MD5 || i == INTEG_KEYED_MD5 || i == INTEG_SHA1;
}

bool vocab_dh_is_weak(int group)
{
	return group == 1 || group == 2 || group == 5;
}

bool vocab_enc_is_sm(enum enc e)
{
	return e == ENC_SM1 || e == ENC_SM4;
}

bool vocab_integ_is_sm(enum integ i)
{
	return i == INTEG_SM3;
}

/*
 * IANA "Transform Type 4" (IKEv2 Key Exchange Method) numbers that name a
 * Diffie-Hellman group: MODP 1, 2, 5, 14-18; ECP 19-21; MODP with
 * prime-order subgroup 22-24 (RFC 5114); ECP 25, 26; Brainpool 27-30;
 * Curve25519 31, Curve448 32; GOST 33, 34 (RFC 9385). The IKEv1-only EC2N
 * groups 3 and 4 are reserved in IKEv2 and none of the three vendors offers
 * them. 0 ("none") is not a group.
 */
bool vocab_dh_is_known(int group)
{
	return group == 1 || group == 2 || group == 5 || (group >= 14 && group <= 34);
}
