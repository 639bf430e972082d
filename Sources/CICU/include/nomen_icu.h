// The C boundary between nomen and ICU.
//
// Why a shim at all: ICU's headers rename every function with a version
// suffix through macros (utrans_openU -> utrans_openU_72), which Swift cannot
// import, and Foundation ships its own ICU module (_FoundationICU) whose types
// clash with the system headers when both are visible. So this header exposes
// no ICU type: only prefixed C functions over opaque handles, UTF-16 code
// units as uint16_t and ICU status codes as int32_t. ICU headers are included
// in nomen_icu.c only.
//
// Conventions: every function that can fail takes `int32_t *status`, which
// must be 0 (U_ZERO_ERROR) on entry; a value > 0 is an error, whose name
// nomen_icu_error_name gives. Functions that write into a caller's buffer
// return the length they need; when it exceeds the capacity the status is
// NOMEN_ICU_BUFFER_OVERFLOW and the caller retries with a larger buffer.
#ifndef NOMEN_ICU_H
#define NOMEN_ICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// ICU's U_BUFFER_OVERFLOW_ERROR, so Swift can recognise "retry larger".
#define NOMEN_ICU_BUFFER_OVERFLOW 15

/// ICU's name for a status code ("U_ILLEGAL_ARGUMENT_ERROR"): error messages
/// carry it so a user can look it up.
const char *nomen_icu_error_name(int32_t status);

/// The Unicode version ICU's data implements, as "15.0".
void nomen_icu_unicode_version(char *buffer, int32_t capacity);

// MARK: Normalization (unorm2)

/// The normalization forms nomen uses; the values are this header's own.
typedef enum {
    NOMEN_ICU_NFC = 0,
    NOMEN_ICU_NFD = 1,
    NOMEN_ICU_NFKC = 2,
    NOMEN_ICU_NFKD = 3,
    NOMEN_ICU_NFKC_CASEFOLD = 4
} nomen_icu_form;

/// Normalizes src into dest with ICU's shared normalizer instance for form.
int32_t nomen_icu_normalize(int32_t form, const uint16_t *src, int32_t src_length,
                            uint16_t *dest, int32_t dest_capacity, int32_t *status);

/// 1 when src is already in form, 0 when not (a full check, not a quick check).
int32_t nomen_icu_is_normalized(int32_t form, const uint16_t *src, int32_t src_length,
                                int32_t *status);

// MARK: Case (ustring)

/// Full Unicode case folding (u_strFoldCase, default options).
int32_t nomen_icu_fold_case(const uint16_t *src, int32_t src_length,
                            uint16_t *dest, int32_t dest_capacity, int32_t *status);

// MARK: Character properties (uchar, uscript)

/// The ICU script code (UScriptCode) of a code point.
int32_t nomen_icu_script(uint32_t code_point, int32_t *status);

/// The ISO 15924 short name of an ICU script code ("Latn", "Hani").
const char *nomen_icu_script_short_name(int32_t script);

// MARK: Transliteration (utrans)

/// A compiled ICU transliterator. Not thread-safe: Swift guards it with a lock.
typedef struct nomen_icu_transliterator nomen_icu_transliterator;

/// Opens a system transliterator by ID ("Han-Latin/Names", "Any-Latin").
nomen_icu_transliterator *nomen_icu_transliterator_open(const uint16_t *id, int32_t id_length,
                                                        int32_t *status);

/// Compiles a transliterator from rule text. On a syntax error, *error_line
/// and *error_offset say where (ICU's UParseError).
nomen_icu_transliterator *nomen_icu_transliterator_open_rules(const uint16_t *id, int32_t id_length,
                                                              const uint16_t *rules, int32_t rules_length,
                                                              int32_t *error_line, int32_t *error_offset,
                                                              int32_t *status);

void nomen_icu_transliterator_close(nomen_icu_transliterator *transliterator);

/// Transliterates text in place. Returns the result's length; when that is
/// larger than capacity the result was truncated, the status is
/// NOMEN_ICU_BUFFER_OVERFLOW and the caller must start again from its input.
int32_t nomen_icu_transliterate(nomen_icu_transliterator *transliterator, uint16_t *text,
                                int32_t text_length, int32_t capacity, int32_t *status);

// MARK: Charset conversion (ucnv)

/// Decodes bytes in the named ICU converter ("windows-1258") to UTF-16.
/// Stops with an error at the first byte the charset does not define, and
/// reports its offset in *error_offset.
int32_t nomen_icu_decode(const char *converter_name, const char *src, int32_t src_length,
                         uint16_t *dest, int32_t dest_capacity, int32_t *error_offset,
                         int32_t *status);

/// Encodes UTF-16 into the named charset; stops with an error at the first
/// character the charset cannot represent.
int32_t nomen_icu_encode(const char *converter_name, const uint16_t *src, int32_t src_length,
                         char *dest, int32_t dest_capacity, int32_t *status);

// MARK: Spoof checking (uspoof)

/// A spoof checker configured for confusable detection.
typedef struct nomen_icu_spoof_checker nomen_icu_spoof_checker;

nomen_icu_spoof_checker *nomen_icu_spoof_open(int32_t *status);
void nomen_icu_spoof_close(nomen_icu_spoof_checker *checker);

/// The confusable skeleton of text (UTS #39): two strings that look alike
/// have the same skeleton.
int32_t nomen_icu_spoof_skeleton(const nomen_icu_spoof_checker *checker, const uint16_t *src,
                                 int32_t src_length, uint16_t *dest, int32_t dest_capacity,
                                 int32_t *status);

#ifdef __cplusplus
}
#endif

#endif
