// ICU behind nomen_icu.h. This is the only file in nomen that includes ICU
// headers; see the header for why.

#if !__has_include(<unicode/utrans.h>)
#error "nomen needs ICU's development headers. On Debian or Ubuntu: sudo apt-get install libicu-dev"
#endif
#if !__has_include(<sqlite3.h>)
#error "nomen needs SQLite's development headers. On Debian or Ubuntu: sudo apt-get install libsqlite3-dev"
#endif

#include "nomen_icu.h"

#include <stdio.h>
#include <string.h>
#include <unicode/ucnv.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>

// uint16_t and UChar are both 16-bit code units; ICU declares UChar as
// char16_t, so the casts below only change the pointer's static type.
_Static_assert(sizeof(UChar) == sizeof(uint16_t), "UChar must be 16 bits");

const char *nomen_icu_error_name(int32_t status) {
    return u_errorName((UErrorCode)status);
}

void nomen_icu_unicode_version(char *buffer, int32_t capacity) {
    UVersionInfo version;
    u_getUnicodeVersion(version);
    snprintf(buffer, (size_t)capacity, "%d.%d", version[0], version[1]);
}

static const UNormalizer2 *normalizer_for(int32_t form, UErrorCode *status) {
    switch (form) {
    case NOMEN_ICU_NFC: return unorm2_getNFCInstance(status);
    case NOMEN_ICU_NFD: return unorm2_getNFDInstance(status);
    case NOMEN_ICU_NFKC: return unorm2_getNFKCInstance(status);
    case NOMEN_ICU_NFKD: return unorm2_getNFKDInstance(status);
    case NOMEN_ICU_NFKC_CASEFOLD: return unorm2_getNFKCCasefoldInstance(status);
    default:
        *status = U_ILLEGAL_ARGUMENT_ERROR;
        return NULL;
    }
}

int32_t nomen_icu_normalize(int32_t form, const uint16_t *src, int32_t src_length,
                            uint16_t *dest, int32_t dest_capacity, int32_t *status) {
    UErrorCode error = (UErrorCode)*status;
    const UNormalizer2 *normalizer = normalizer_for(form, &error);
    int32_t length = 0;
    if (U_SUCCESS(error)) {
        length = unorm2_normalize(normalizer, (const UChar *)src, src_length,
                                  (UChar *)dest, dest_capacity, &error);
    }
    *status = (int32_t)error;
    return length;
}

int32_t nomen_icu_is_normalized(int32_t form, const uint16_t *src, int32_t src_length,
                                int32_t *status) {
    UErrorCode error = (UErrorCode)*status;
    const UNormalizer2 *normalizer = normalizer_for(form, &error);
    UBool result = 0;
    if (U_SUCCESS(error)) {
        result = unorm2_isNormalized(normalizer, (const UChar *)src, src_length, &error);
    }
    *status = (int32_t)error;
    return result ? 1 : 0;
}

int32_t nomen_icu_fold_case(const uint16_t *src, int32_t src_length,
                            uint16_t *dest, int32_t dest_capacity, int32_t *status) {
    UErrorCode error = (UErrorCode)*status;
    int32_t length = u_strFoldCase((UChar *)dest, dest_capacity, (const UChar *)src, src_length,
                                   U_FOLD_CASE_DEFAULT, &error);
    *status = (int32_t)error;
    return length;
}

int32_t nomen_icu_script(uint32_t code_point, int32_t *status) {
    UErrorCode error = (UErrorCode)*status;
    UScriptCode script = uscript_getScript((UChar32)code_point, &error);
    *status = (int32_t)error;
    return (int32_t)script;
}

const char *nomen_icu_script_short_name(int32_t script) {
    const char *name = uscript_getShortName((UScriptCode)script);
    return name ? name : "Zzzz";
}

nomen_icu_transliterator *nomen_icu_transliterator_open(const uint16_t *id, int32_t id_length,
                                                        int32_t *status) {
    UErrorCode error = (UErrorCode)*status;
    UTransliterator *transliterator =
        utrans_openU((const UChar *)id, id_length, UTRANS_FORWARD, NULL, 0, NULL, &error);
    *status = (int32_t)error;
    return (nomen_icu_transliterator *)transliterator;
}

nomen_icu_transliterator *nomen_icu_transliterator_open_rules(const uint16_t *id, int32_t id_length,
                                                              const uint16_t *rules, int32_t rules_length,
                                                              int32_t *error_line, int32_t *error_offset,
                                                              int32_t *status) {
    UErrorCode error = (UErrorCode)*status;
    UParseError parse_error;
    memset(&parse_error, 0, sizeof parse_error);
    UTransliterator *transliterator =
        utrans_openU((const UChar *)id, id_length, UTRANS_FORWARD, (const UChar *)rules,
                     rules_length, &parse_error, &error);
    *error_line = parse_error.line;
    *error_offset = parse_error.offset;
    *status = (int32_t)error;
    return (nomen_icu_transliterator *)transliterator;
}

void nomen_icu_transliterator_close(nomen_icu_transliterator *transliterator) {
    utrans_close((UTransliterator *)transliterator);
}

int32_t nomen_icu_transliterate(nomen_icu_transliterator *transliterator, uint16_t *text,
                                int32_t text_length, int32_t capacity, int32_t *status) {
    UErrorCode error = (UErrorCode)*status;
    int32_t length = text_length;
    int32_t limit = text_length;
    utrans_transUChars((const UTransliterator *)transliterator, (UChar *)text, &length, capacity,
                       0, &limit, &error);
    if (U_SUCCESS(error) && length > capacity) {
        error = U_BUFFER_OVERFLOW_ERROR;
    }
    *status = (int32_t)error;
    return length;
}

// Converters stop at the first unmapped or illegal byte instead of
// substituting, so that a decode either is exact or says where it failed.
static UConverter *strict_converter(const char *name, UErrorCode *error) {
    UConverter *converter = ucnv_open(name, error);
    if (U_FAILURE(*error)) return NULL;
    ucnv_setToUCallBack(converter, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, error);
    ucnv_setFromUCallBack(converter, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL, error);
    return converter;
}

int32_t nomen_icu_decode(const char *converter_name, const char *src, int32_t src_length,
                         uint16_t *dest, int32_t dest_capacity, int32_t *error_offset,
                         int32_t *status) {
    UErrorCode error = (UErrorCode)*status;
    *error_offset = -1;
    UConverter *converter = strict_converter(converter_name, &error);
    int32_t length = 0;
    if (U_SUCCESS(error)) {
        // Convert in one call through ucnv_toUnicode so that on failure the
        // source pointer tells the offset of the offending byte.
        UChar *target = (UChar *)dest;
        const char *source = src;
        ucnv_toUnicode(converter, &target, (UChar *)dest + dest_capacity, &source,
                       src + src_length, NULL, 1, &error);
        length = (int32_t)(target - (UChar *)dest);
        if (error == U_BUFFER_OVERFLOW_ERROR) {
            // Ask for the whole length the normal way.
            UErrorCode measure = U_ZERO_ERROR;
            ucnv_reset(converter);
            length = ucnv_toUChars(converter, NULL, 0, src, src_length, &measure);
        } else if (U_FAILURE(error)) {
            // The converter has consumed the bad sequence; report its start.
            char bad[8];
            int8_t bad_length = (int8_t)sizeof bad;
            UErrorCode ignored = U_ZERO_ERROR;
            ucnv_getInvalidChars(converter, bad, &bad_length, &ignored);
            *error_offset = (int32_t)(source - src) - bad_length;
        }
        ucnv_close(converter);
    }
    *status = (int32_t)error;
    return length;
}

int32_t nomen_icu_encode(const char *converter_name, const uint16_t *src, int32_t src_length,
                         char *dest, int32_t dest_capacity, int32_t *status) {
    UErrorCode error = (UErrorCode)*status;
    UConverter *converter = strict_converter(converter_name, &error);
    int32_t length = 0;
    if (U_SUCCESS(error)) {
        length = ucnv_fromUChars(converter, dest, dest_capacity, (const UChar *)src, src_length,
                                 &error);
        ucnv_close(converter);
    }
    *status = (int32_t)error;
    return length;
}

nomen_icu_spoof_checker *nomen_icu_spoof_open(int32_t *status) {
    UErrorCode error = (UErrorCode)*status;
    USpoofChecker *checker = uspoof_open(&error);
    if (U_SUCCESS(error)) {
        uspoof_setChecks(checker, USPOOF_CONFUSABLE, &error);
    }
    *status = (int32_t)error;
    return (nomen_icu_spoof_checker *)checker;
}

void nomen_icu_spoof_close(nomen_icu_spoof_checker *checker) {
    uspoof_close((USpoofChecker *)checker);
}

int32_t nomen_icu_spoof_skeleton(const nomen_icu_spoof_checker *checker, const uint16_t *src,
                                 int32_t src_length, uint16_t *dest, int32_t dest_capacity,
                                 int32_t *status) {
    UErrorCode error = (UErrorCode)*status;
    int32_t length = uspoof_getSkeleton((const USpoofChecker *)checker, 0, (const UChar *)src,
                                        src_length, (UChar *)dest, dest_capacity, &error);
    *status = (int32_t)error;
    return length;
}
