// greenloop/cases/attachments.h
//
// Photos and other evidence of cases: bytes on disk named by their SHA-256, one
// metadata row per upload in `case_attachments`.
//
// Contract:
// - Only images are taken, and the type is decided by the content, never by the
//   name or the Content-Type header: JPEG (FF D8 FF), PNG (89 50 4E 47 0D 0A 1A 0A)
//   and WebP ("RIFF" ???? "WEBP"). Anything else is kUnsupportedMedia; an empty
//   body kInvalidArgument; more than `max_bytes` (10 MB by default) kPayloadTooLarge.
// - Bytes are stored once per content: <dir>/<first two hex>/<sha256>, written to a
//   temporary file and renamed, so a crash never leaves a half file under a hash
//   name and two uploads of the same image share one file. Each upload is its own row.
// - A staff upload belongs to its uploader until it is linked to a case; a public
//   upload carries the hash of a one-time photo token (the token itself is returned
//   once and never stored) until a complaint claims it.
// - Readers: an attachment linked to a case is visible to whoever may see the case
//   (the caller checks that); an unlinked one only to its uploader. Store functions
//   run on the caller's session and transaction and let SOCI's exceptions through.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "greenloop/base/error.h"
#include "greenloop/base/id.h"
#include "greenloop/base/json.h"
#include "greenloop/base/time.h"
#include "greenloop/cases/model.h"
#include "greenloop/db/database.h"

namespace gl::cases {

// "image/jpeg", "image/png" or "image/webp" from the first bytes; nullopt otherwise.
std::optional<std::string> SniffImageType(std::string_view bytes);

// SHA-256 of the bytes, lower-case hex (libsodium's crypto_hash_sha256).
std::string Sha256Hex(std::string_view bytes);

struct AttachmentOptions {
  std::filesystem::path dir = "var/files";
  size_t max_bytes = 10 * 1000 * 1000;  // "up to 10 MB" (issue #6), decimal megabytes
};

struct Attachment {
  Id id = 0;
  std::string sha256;
  std::string content_type;
  std::string name;
  std::int64_t size = 0;
  std::optional<Id> case_id;
  std::optional<Id> uploaded_by;  // a person; nullopt for a public upload
  TimeMs created_at = 0;
};

// {"id","name","content_type","size","sha256","url"}: the staff view.
json::object AttachmentJson(const Attachment& a);

// --- store functions (caller's session and transaction)
std::optional<Attachment> FindAttachment(soci::session& sql, Id id);
std::vector<Attachment> ListCaseAttachments(soci::session& sql, Id case_id);
// Links attachments to a case (the CaseService's AttachmentHooks::link). With a person,
// only that person's own staff uploads that are unlinked (or already on this case); with
// person_id 0 (the public), only public photos not yet claimed, whose tokens are then
// forgotten (one use each). kInvalidArgument naming "attachment_ids" when one does not
// qualify; the caller's transaction then rolls back and nothing is linked.
Status LinkAttachments(soci::session& sql, Id case_id, const std::vector<Id>& ids, Id person_id);
// The attachment ids behind public photo tokens; kInvalidArgument naming "photos" when a
// token is unknown or already used. Read-only: LinkAttachments(…, 0) claims them.
Result<std::vector<Id>> ResolvePhotoTokens(soci::session& sql,
                                           const std::vector<std::string>& tokens);
// The AttachmentRef list of a case (the CaseService's AttachmentHooks::list).
std::vector<AttachmentRef> CaseAttachmentRefs(soci::session& sql, Id case_id);

class AttachmentStore {
 public:
  AttachmentStore(db::Database& db, AttachmentOptions options);

  // Checks, stores the bytes and inserts the row. `name` is a display name only.
  Result<Attachment> Put(std::string_view bytes, std::string name, std::optional<Id> uploaded_by);
  // A public upload: the row plus a fresh photo token (returned once; only its hash is kept).
  Result<std::pair<Attachment, std::string>> PutPublic(std::string_view bytes);

  Result<Attachment> Get(Id id);
  // The stored bytes; kInternal when the file has gone missing.
  Result<std::string> ReadBytes(const Attachment& a) const;

  std::filesystem::path PathOf(const std::string& sha256) const;
  const AttachmentOptions& options() const { return options_; }
  db::Database& database() { return db_; }

 private:
  Status Check(std::string_view bytes, std::string& content_type) const;
  Status WriteFile(const std::string& sha256, std::string_view bytes) const;
  Result<Attachment> Insert(Attachment a, const std::optional<std::string>& token_hash);

  db::Database& db_;
  AttachmentOptions options_;
};

}  // namespace gl::cases
