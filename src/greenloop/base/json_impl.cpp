// The one translation unit that compiles Boost.JSON (header-only otherwise).
#include <boost/json/src.hpp>
