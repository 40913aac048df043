package ai.aisetu.local.token;

import static ai.aisetu.local.token.TokenFormat.API_KEY_PREFIX;
import static ai.aisetu.local.token.TokenFormat.PAT_PREFIX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenFormatTest {
  @Test void mintedPatIsWellFormed() {
    String token = TokenFormat.mint(PAT_PREFIX);

    assertThat(token).startsWith("tt_pat_").hasSize(7 + 30 + 6);
    assertThat(token.substring(7)).matches("[0-9A-Za-z]{36}");
    assertThat(TokenFormat.isWellFormed(token, PAT_PREFIX)).isTrue();
  }

  @Test void mintedApiKeyIsWellFormed() {
    String token = TokenFormat.mint(API_KEY_PREFIX);

    assertThat(token).startsWith("tt_live_").hasSize(8 + 30 + 6);
    assertThat(TokenFormat.isWellFormed(token, API_KEY_PREFIX)).isTrue();
  }

  @Test void everySingleCharacterChangeFailsTheChecksum() {
    String token = TokenFormat.mint(PAT_PREFIX);
    for (int i = PAT_PREFIX.length(); i < token.length(); i++) {
      char original = token.charAt(i);
      char replacement = original == 'a' ? 'b' : 'a';
      String typo = token.substring(0, i) + replacement + token.substring(i + 1);
      assertThat(TokenFormat.isWellFormed(typo, PAT_PREFIX)).as("changed index %d", i).isFalse();
    }
  }

  @Test void swappedAdjacentCharactersFailTheChecksum() {
    String token = TokenFormat.mint(PAT_PREFIX);
    int i = PAT_PREFIX.length();
    while (token.charAt(i) == token.charAt(i + 1)) i++; // a swap must change something
    String swapped =
        token.substring(0, i) + token.charAt(i + 1) + token.charAt(i) + token.substring(i + 2);
    assertThat(TokenFormat.isWellFormed(swapped, PAT_PREFIX)).isFalse();
  }

  @Test void apiKeyIsNotAWellFormedPat() {
    String apiKey = TokenFormat.mint(API_KEY_PREFIX);

    assertThat(TokenFormat.isWellFormed(apiKey, PAT_PREFIX)).isFalse();
  }

  @Test void wrongPrefixWithValidBodyIsRejected() {
    String pat = TokenFormat.mint(PAT_PREFIX);
    String relabelled = "tt_pax_" + pat.substring(PAT_PREFIX.length());

    assertThat(TokenFormat.isWellFormed(relabelled, PAT_PREFIX)).isFalse();
  }

  @Test void truncatedOrExtendedTokenIsRejected() {
    String token = TokenFormat.mint(PAT_PREFIX);

    assertThat(TokenFormat.isWellFormed(token.substring(0, token.length() - 1), PAT_PREFIX)).isFalse();
    assertThat(TokenFormat.isWellFormed(token + "0", PAT_PREFIX)).isFalse();
    assertThat(TokenFormat.isWellFormed("", PAT_PREFIX)).isFalse();
    assertThat(TokenFormat.isWellFormed(null, PAT_PREFIX)).isFalse();
  }

  @Test void nonBase62CharacterIsRejected() {
    String token = TokenFormat.mint(PAT_PREFIX);
    String withDash = token.substring(0, 10) + "-" + token.substring(11);

    assertThat(TokenFormat.isWellFormed(withDash, PAT_PREFIX)).isFalse();
  }

  @Test void unknownPrefixIsAProgrammingError() {
    assertThatThrownBy(() -> TokenFormat.mint("ghp_"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tt_pat_")
        .hasMessageContaining("tt_live_");
  }

  @Test void tenThousandTokensAreUniqueAndUseTheWholeAlphabet() {
    Set<String> tokens = new HashSet<>();
    int[] counts = new int[128];
    for (int i = 0; i < 10_000; i++) {
      String token = TokenFormat.mint(PAT_PREFIX);
      tokens.add(token);
      String random = token.substring(PAT_PREFIX.length(), PAT_PREFIX.length() + 30);
      for (char c : random.toCharArray()) counts[c]++;
    }

    assertThat(tokens).hasSize(10_000);
    // 300,000 draws over 62 symbols: about 4,839 each, standard deviation about 69.
    for (char c : TokenFormat.ALPHABET.toCharArray()) {
      assertThat(counts[c]).as("count of '%s'", c).isBetween(4_300, 5_400);
    }
  }

  @Test void checksumIsSixBase62Characters() {
    assertThat(TokenFormat.checksum("tt_pat_")).matches("[0-9A-Za-z]{6}");
    // CRC32 of the empty string is 0: all padding.
    assertThat(TokenFormat.checksum("")).isEqualTo("000000");
  }

  @Test void sha256HexIsTheStandardDigest() {
    assertThat(TokenFormat.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test void constantTimeEqualsComparesHashes() {
    String hash = TokenFormat.sha256Hex("tt_pat_x");

    assertThat(TokenFormat.constantTimeEquals(hash, TokenFormat.sha256Hex("tt_pat_x"))).isTrue();
    assertThat(TokenFormat.constantTimeEquals(hash, TokenFormat.sha256Hex("tt_pat_y"))).isFalse();
    assertThat(TokenFormat.constantTimeEquals(hash, hash.substring(1))).isFalse();
    assertThat(TokenFormat.constantTimeEquals(hash, null)).isFalse();
  }

  @Test void keyHintIsTheLastFourCharacters() {
    String token = TokenFormat.mint(API_KEY_PREFIX);

    assertThat(TokenFormat.keyHint(token)).isEqualTo(token.substring(token.length() - 4));
  }

  @Test void keyHintRefusesASecretTooShortToHint() {
    assertThatThrownBy(() -> TokenFormat.keyHint("abcde12"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("abcde12");
  }

  @Test void redactKeepsOnlyPrefixAndHint() {
    String pat = TokenFormat.mint(PAT_PREFIX);
    String apiKey = TokenFormat.mint(API_KEY_PREFIX);

    assertThat(TokenFormat.redact(pat)).isEqualTo("tt_pat_…" + TokenFormat.keyHint(pat));
    assertThat(TokenFormat.redact(apiKey)).isEqualTo("tt_live_…" + TokenFormat.keyHint(apiKey));
    assertThat(TokenFormat.redact("sk-proj-abcdefgh1234")).isEqualTo("…1234");
    assertThat(TokenFormat.redact("tt_pat_abc")).isEqualTo("tt_pat_…");
  }
}
