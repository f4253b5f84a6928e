#include "web/html.h"

#include <doctest/doctest.h>

using vmm::web::html_escape;

TEST_CASE("html_escape: markup and quotes become entities, the rest stays") {
  CHECK(html_escape("<script>alert('x')</script>") ==
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  CHECK(html_escape("a&b \"c\"") == "a&amp;b &quot;c&quot;");
  CHECK(html_escape("&amp;") == "&amp;amp;");  // escaped once more, never taken as escaped
  CHECK(html_escape("J\xc3\xb6rg M\xc3\xbcller") == "J\xc3\xb6rg M\xc3\xbcller");
  CHECK(html_escape("") == "");
}
