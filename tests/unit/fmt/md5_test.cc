#include "fmt/md5.h"

#include <doctest/doctest.h>

#include <string>

using vmm::fmt::md5;
using vmm::fmt::md5_hex;

TEST_CASE("md5: the RFC 1321 test suite (appendix A.5)") {
  CHECK(md5_hex("") == "d41d8cd98f00b204e9800998ecf8427e");
  CHECK(md5_hex("a") == "0cc175b9c0f1b6a831c399e269772661");
  CHECK(md5_hex("abc") == "900150983cd24fb0d6963f7d28e17f72");
  CHECK(md5_hex("message digest") == "f96b697d7cb7938d525a2f31aaf161d0");
  CHECK(md5_hex("abcdefghijklmnopqrstuvwxyz") == "c3fcd3d76192e4007dfb496cca67e13b");
  CHECK(md5_hex("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") ==
        "d174ab98d277d9f5a5611c2c9f419d9f");
  CHECK(md5_hex("1234567890123456789012345678901234567890"
                "1234567890123456789012345678901234567890") ==
        "57edf4a22be3c955ac49da2e2107b67a");
}

TEST_CASE("md5: lengths around the padding boundaries") {
  // 55 fits the length in one block, 56..63 need a second one, 64 is one full block.
  CHECK(md5_hex(std::string(55, 'a')) == "ef1772b6dff9a122358552954ad0df65");
  CHECK(md5_hex(std::string(56, 'a')) == "3b0c8ac703f828b04c6c197006d17218");
  CHECK(md5_hex(std::string(63, 'a')) == "b06521f39153d618550606be297466d5");
  CHECK(md5_hex(std::string(64, 'a')) == "014842d480b571495a4a0363793f7367");
  CHECK(md5_hex(std::string(65, 'a')) == "c743a45e0d2e6a95cb859adae0248435");
}

TEST_CASE("md5: one million 'a'") {
  CHECK(md5_hex(std::string(1000000, 'a')) == "7707d6ae4e027c70eea2a935c2296f21");
}

TEST_CASE("md5: every byte value, NUL included, taken unsigned") {
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  CHECK(md5_hex(all) == "e2c865db4162bed963bfaa9ef6ac18f0");
  CHECK(md5_hex(std::string_view("\0", 1)) == "93b885adfe0da089cdf634904fd59f71");
}

TEST_CASE("md5: raw digest bytes match the hex form") {
  auto d = md5("abc");
  CHECK(d[0] == 0x90);
  CHECK(d[1] == 0x01);
  CHECK(d[15] == 0x72);
}

TEST_CASE("md5: VMailMgr's old password form ('3' + hex) from the fixture") {
  // EXPECTED.md: vito = 33549e0d9efe8e9012299414dfbf2af9e, password "Larch-Vito 6".
  CHECK("3" + md5_hex("Larch-Vito 6") == "33549e0d9efe8e9012299414dfbf2af9e");
}
