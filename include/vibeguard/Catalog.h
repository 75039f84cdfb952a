//===--- Catalog.h - vibeguard ----------------------------------*- C++ -*-===//
//
// The API knowledge every vibeguard check shares, in one place.
//
//===----------------------------------------------------------------------===//

#ifndef VIBEGUARD_CATALOG_H
#define VIBEGUARD_CATALOG_H

#include "llvm/ADT/StringRef.h"

namespace clang::tidy::vibeguard::catalog {

// Each entry is the name of a check option and its default value: fully
// qualified names separated by ';'. Checks read an entry with
// readNameListOption() (NameListOption.h), which looks for the option on the
// check first and then globally, so a project can extend the catalog once in
// its .clang-tidy for every check that uses it.
struct NameList {
  llvm::StringLiteral OptionName;
  llvm::StringLiteral Default;
};

/// Classes whose construction from a pattern compiles a regular expression.
inline constexpr NameList RegexClasses = {
    "RegexClasses", "::std::basic_regex;::boost::basic_regex"};

/// Algorithms that call a function-object argument once per element: a lambda
/// passed to them is a loop body.
inline constexpr NameList IterationAlgorithms = {
    "IterationAlgorithms",
    "::std::for_each;::std::for_each_n;::std::transform;::std::generate;"
    "::std::generate_n;::std::find_if;::std::find_if_not;::std::count_if;"
    "::std::all_of;::std::any_of;::std::none_of;::std::copy_if;"
    "::std::remove_if;::std::remove_copy_if;::std::replace_if;"
    "::std::partition;::std::stable_partition;::std::accumulate;"
    "::std::reduce;::std::transform_reduce;::std::erase_if;"
    "::std::ranges::for_each;::std::ranges::for_each_n;"
    "::std::ranges::transform;::std::ranges::find_if;"
    "::std::ranges::find_if_not;::std::ranges::count_if;"
    "::std::ranges::all_of;::std::ranges::any_of;::std::ranges::none_of;"
    "::std::ranges::copy_if;::std::ranges::remove_if;"
    "::std::ranges::generate"};

} // namespace clang::tidy::vibeguard::catalog

#endif // VIBEGUARD_CATALOG_H
