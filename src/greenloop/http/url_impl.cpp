// The one translation unit that compiles Boost.URL (header-only otherwise).
#include <boost/url/src.hpp>
