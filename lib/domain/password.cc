#include "domain/password.h"

#include <crypt.h>
#include <string.h>  // explicit_bzero

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "fmt/md5.h"
#include "sys/error.h"

namespace vmm::domain {
namespace {

// Used only if libcrypt cannot make a setting for the dummy hash (no entropy):
// one it made earlier, yescrypt at Debian 12's default cost.
constexpr const char* kFallbackDummySetting = "$y$j9T$ypipfaozsgRCB6z0MMvj9/";

struct FreeC {
  void operator()(char* p) const { std::free(p); }
};

// A copy of the password with the NUL that crypt_rn needs; wiped when done.
struct Phrase {
  std::string text;
  explicit Phrase(std::string_view password) : text(password) {}
  ~Phrase() { wipe(text); }
  Phrase(const Phrase&) = delete;
  Phrase& operator=(const Phrase&) = delete;
};

// crypt_rn's scratch space (tens of KiB, so on the heap): zeroed before use,
// wiped after, since it holds the password's derived state.
class Crypt {
 public:
  Crypt() : data_(new crypt_data{}) {}
  ~Crypt() { explicit_bzero(data_.get(), sizeof(crypt_data)); }
  Crypt(const Crypt&) = delete;
  Crypt& operator=(const Crypt&) = delete;

  // The hash, or nullptr when libcrypt refuses (NULL or a '*' failure token).
  const char* run(const Phrase& phrase, const char* setting) {
    const char* out = crypt_rn(phrase.text.c_str(), setting, data_.get(), sizeof(crypt_data));
    return out != nullptr && out[0] != '*' ? out : nullptr;
  }

 private:
  std::unique_ptr<crypt_data> data_;
};

bool is_locked(std::string_view h) { return h.empty() || h[0] == '*' || h[0] == '!'; }

// VMailMgr's old form: '3' followed by the MD5 of the password in lowercase hex.
bool is_md5_form(std::string_view h) {
  if (h.size() != 33 || h[0] != '3') return false;
  for (char c : h.substr(1)) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// Traditional DES crypt: 2 salt + 11 hash characters of crypt's base64.
bool is_des(std::string_view h) {
  if (h.size() != 13) return false;
  for (char c : h) {
    bool b64 = c == '.' || c == '/' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
               (c >= 'a' && c <= 'z');
    if (!b64) return false;
  }
  return true;
}

const std::string& dummy_setting() {
  static const std::string setting = [] {
    std::unique_ptr<char, FreeC> made(crypt_gensalt_ra(nullptr, 0, nullptr, 0));
    return std::string(made ? made.get() : kFallbackDummySetting);
  }();
  return setting;
}

[[noreturn]] void hash_failed(int err) {
  std::string why = err != 0 ? std::string(std::strerror(err)) : "libcrypt returned no hash";
  throw Error(ErrorClass::temporary, "unable to hash password: " + why, err);
}

PasswordCheck outcome(bool ok) { return ok ? PasswordCheck::match : PasswordCheck::mismatch; }

}  // namespace

PasswordCheck check_password(std::string_view stored_hash, std::string_view password) {
  if (is_locked(stored_hash)) {
    check_dummy(password);
    return PasswordCheck::locked;
  }
  if (stored_hash.starts_with("$0$")) {
    return outcome(equal_constant_time(stored_hash.substr(3), password));
  }
  if (is_md5_form(stored_hash)) {
    std::string digest = fmt::md5_hex(password);
    bool ok = equal_constant_time(digest, stored_hash.substr(1));
    wipe(digest);
    return outcome(ok);
  }
  Phrase phrase(password);
  const std::string setting(stored_hash);
  Crypt crypt;
  const char* out = crypt.run(phrase, setting.c_str());
  bool ok = out != nullptr && equal_constant_time(out, stored_hash);
  // crypt_rn stops at a NUL: "secret\0junk" must not pass for "secret".
  return outcome(ok && password.find('\0') == std::string_view::npos);
}

void check_dummy(std::string_view password) {
  Phrase phrase(password);
  Crypt crypt;
  crypt.run(phrase, dummy_setting().c_str());
}

std::string hash_password(std::string_view password) {
  if (password.find('\0') != std::string_view::npos) {
    throw Error(ErrorClass::permanent, "unable to hash password: it contains a NUL byte");
  }
  errno = 0;
  std::unique_ptr<char, FreeC> setting(crypt_gensalt_ra(nullptr, 0, nullptr, 0));
  if (!setting) hash_failed(errno);
  Phrase phrase(password);
  Crypt crypt;
  errno = 0;
  const char* out = crypt.run(phrase, setting.get());
  if (out == nullptr) hash_failed(errno);
  std::string hash(out);
  // Guard against a libcrypt configured to prefer a weak method (SPEC: never DES).
  if (is_legacy_hash(hash)) {
    throw Error(ErrorClass::permanent,
                "unable to hash password: libcrypt prefers a legacy method (" +
                    std::string(setting.get()).substr(0, 4) + ")");
  }
  return hash;
}

void check_new_password(std::string_view password) {
  if (password.empty()) throw Error(ErrorClass::permanent, "no password given");
  if (password.size() > kMaxNewPasswordBytes)
    throw Error(ErrorClass::permanent, "the password is longer than " +
                                           std::to_string(kMaxNewPasswordBytes) + " bytes");
  for (char c : password) {
    const unsigned char b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == 0x7f)
      throw Error(ErrorClass::permanent, "the password contains a control character");
  }
}

std::string hash_new_password(std::string_view password) {
  check_new_password(password);
  return hash_password(password);
}

bool is_legacy_hash(std::string_view stored_hash) {
  if (is_locked(stored_hash)) return false;
  if (stored_hash.starts_with("$0$") || stored_hash.starts_with("$1$") ||
      is_md5_form(stored_hash) || is_des(stored_hash)) {
    return true;
  }
  if (stored_hash.find('\0') != std::string_view::npos) return true;  // no method has one
  return crypt_checksalt(std::string(stored_hash).c_str()) != CRYPT_SALT_OK;
}

bool valid_password_hash(std::string_view hash) {
  if (hash.empty()) return false;
  for (unsigned char c : hash) {
    if (c <= 0x20 || c >= 0x7f) return false;  // controls, space, DEL, 8-bit
  }
  return true;
}

bool equal_constant_time(std::string_view a, std::string_view b) {
  std::size_t n = a.size() > b.size() ? a.size() : b.size();
  // volatile keeps the compiler from turning the loop into an early exit.
  volatile unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < n; ++i) {
    unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff = diff | (x ^ y);
  }
  return diff == 0;
}

void wipe(std::string& secret) {
  secret.resize(secret.capacity());  // reach bytes left past size() by earlier shrinking
  explicit_bzero(secret.data(), secret.size());
  secret.clear();
}

}  // namespace vmm::domain
