// Broken on purpose: bytes that are not UTF-8 ÿþ in a comment.
#include <string>
#include <vector>

std::string strip(std::string Text) {
  // café Ã( €€
  while (!Text.empty() && Text[0] == ' ')
    Text.erase(0, 1);
  const char *Latin1 = "naïve ÿ";
  std::vector<std::string> Parts;
  for (int I = 0; I < 100; ++I)
    Parts.insert(Parts.begin(), Latin1);
  return Text;
}
