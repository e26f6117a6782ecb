// Every enumerated scenario word written once: one table per enum (word <-> value, with a one-line
// meaning). The parameter table takes its `choices` from here, the builder converts with it, and the
// generated docs list the meanings. An unknown word is an error, never a default.
#pragma once
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace peaksim::scn {

template <class Enum>
struct Word {
  Enum value;
  const char* word;
  const char* meaning;
};

// The table of an enum, in enum order. Specialised in choices.cpp for every scenario enum.
template <class Enum>
const std::vector<Word<Enum>>& words();

// The words, for a Param's `choices`.
template <class Enum>
std::vector<std::string> choices() {
  std::vector<std::string> out;
  for (const auto& w : words<Enum>()) out.emplace_back(w.word);
  return out;
}

template <class Enum>
std::optional<Enum> from_word(std::string_view word) {
  for (const auto& w : words<Enum>())
    if (word == w.word) return w.value;
  return std::nullopt;
}

// Throws std::logic_error for a value without a word (a table missing a row is a bug).
template <class Enum>
const char* word_of(Enum value) {
  for (const auto& w : words<Enum>())
    if (w.value == value) return w.word;
  throw std::logic_error("an enum value has no scenario word");
}

// The meanings, in table order (for a Param's `choice_meanings`, read by the docs).
template <class Enum>
std::vector<std::string> meanings() {
  std::vector<std::string> out;
  for (const auto& w : words<Enum>()) out.emplace_back(w.meaning);
  return out;
}

// A demand model's own parameter of a region: required with that model, refused with any other.
struct ModelKey {
  DemandModel model;
  const char* key;
};
const std::vector<ModelKey>& demand_model_keys();

}  // namespace peaksim::scn
