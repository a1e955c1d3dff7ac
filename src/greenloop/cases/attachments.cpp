#include "greenloop/cases/attachments.h"

#include <sodium.h>

#include <fstream>
#include <set>
#include <sstream>

#include "greenloop/base/crypto.h"
#include "greenloop/db/query.h"

namespace gl::cases {

namespace fs = std::filesystem;

std::optional<std::string> SniffImageType(std::string_view b) {
  auto starts = [&](std::string_view magic, size_t at = 0) {
    return b.size() >= at + magic.size() && b.substr(at, magic.size()) == magic;
  };
  if (starts(std::string_view("\xFF\xD8\xFF", 3))) return "image/jpeg";
  if (starts(std::string_view("\x89PNG\r\n\x1A\n", 8))) return "image/png";
  if (starts("RIFF") && starts("WEBP", 8)) return "image/webp";
  return std::nullopt;
}

std::string Sha256Hex(std::string_view bytes) {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(sizeof out * 2);
  for (unsigned char c : out) {
    hex.push_back(kHex[c >> 4]);
    hex.push_back(kHex[c & 15]);
  }
  return hex;
}

json::object AttachmentJson(const Attachment& a) {
  return json::object{{"id", IdToJson(a.id)},
                      {"name", a.name},
                      {"content_type", a.content_type},
                      {"size", a.size},
                      {"sha256", a.sha256},
                      {"url", "/api/v1/attachments/" + std::to_string(a.id)}};
}

namespace {

constexpr const char* kColumns =
    "id, sha256, content_type, name, size, case_id, uploaded_by, created_at";

struct Row {
  long long id = 0, size = 0, case_id = 0, by = 0, created = 0;
  std::string sha, type, name;
  soci::indicator case_ind = soci::i_null, by_ind = soci::i_null;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(sha));
    st.exchange(soci::into(type));
    st.exchange(soci::into(name));
    st.exchange(soci::into(size));
    st.exchange(soci::into(case_id, case_ind));
    st.exchange(soci::into(by, by_ind));
    st.exchange(soci::into(created));
  }
  Attachment Get() const {
    Attachment a;
    a.id = id;
    a.sha256 = sha;
    a.content_type = type;
    a.name = name;
    a.size = size;
    if (case_ind == soci::i_ok) a.case_id = case_id;
    if (by_ind == soci::i_ok) a.uploaded_by = by;
    a.created_at = created;
    return a;
  }
};

std::vector<Attachment> Select(soci::session& sql, const std::string& where, long long arg) {
  std::vector<Attachment> out;
  Row row;
  db::Params params;
  std::string condition = where;
  condition.replace(condition.find(":a"), 2, params.Add(arg));
  soci::statement st(sql);
  row.Bind(st);
  db::ForEachRow(st, params,
                 std::string("SELECT ") + kColumns + " FROM case_attachments WHERE " + condition,
                 [&] { out.push_back(row.Get()); });
  return out;
}

}  // namespace

std::optional<Attachment> FindAttachment(soci::session& sql, Id id) {
  auto rows = Select(sql, "id = :a", id);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<Attachment> ListCaseAttachments(soci::session& sql, Id case_id) {
  return Select(sql, "case_id = :a ORDER BY id", case_id);
}

Status LinkAttachments(soci::session& sql, Id case_id, const std::vector<Id>& ids, Id person_id) {
  std::set<Id> unique(ids.begin(), ids.end());
  for (Id id : unique) {
    long long c = case_id, i = id, p = person_id;
    // One statement decides and links, so two transactions cannot both claim one upload.
    long long affected = 0;
    if (person_id != 0) {
      soci::statement st = (sql.prepare << "UPDATE case_attachments SET case_id = :c WHERE id = :i"
                                           " AND uploaded_by = :p AND (case_id IS NULL OR"
                                           " case_id = :c2)",
                            soci::use(c), soci::use(i), soci::use(p), soci::use(c));
      st.execute(true);
      affected = st.get_affected_rows();
    } else {
      soci::statement st = (sql.prepare << "UPDATE case_attachments SET case_id = :c,"
                                           " public_token_hash = NULL WHERE id = :i AND"
                                           " uploaded_by IS NULL AND case_id IS NULL AND"
                                           " public_token_hash IS NOT NULL",
                            soci::use(c), soci::use(i));
      st.execute(true);
      affected = st.get_affected_rows();
    }
    if (affected != 1) {
      return Error::InvalidArgument("attachment_ids",
                                    "附件 " + std::to_string(id) + " 不存在或不可用");
    }
  }
  return Status::Ok();
}

Result<std::vector<Id>> ResolvePhotoTokens(soci::session& sql,
                                           const std::vector<std::string>& tokens) {
  std::vector<Id> out;
  std::set<std::string> seen;
  for (const std::string& token : tokens) {
    if (!seen.insert(token).second) continue;
    std::string hash = Blake2bHex(token);
    long long id = 0;
    sql << "SELECT id FROM case_attachments WHERE public_token_hash = :h AND case_id IS NULL",
        soci::use(hash), soci::into(id);
    if (!sql.got_data()) return Error::InvalidArgument("photos", "照片凭证无效或已使用");
    out.push_back(id);
  }
  return out;
}

std::vector<AttachmentRef> CaseAttachmentRefs(soci::session& sql, Id case_id) {
  std::vector<AttachmentRef> out;
  for (const Attachment& a : ListCaseAttachments(sql, case_id)) {
    out.push_back(AttachmentRef{a.id, a.name, a.content_type, a.size,
                                "/api/v1/attachments/" + std::to_string(a.id)});
  }
  return out;
}

AttachmentStore::AttachmentStore(db::Database& db, AttachmentOptions options)
    : db_(db), options_(std::move(options)) {}

fs::path AttachmentStore::PathOf(const std::string& sha256) const {
  return options_.dir / sha256.substr(0, 2) / sha256;
}

Status AttachmentStore::Check(std::string_view bytes, std::string& content_type) const {
  if (bytes.empty()) return Error::InvalidArgument("body", "上传内容为空");
  if (bytes.size() > options_.max_bytes) {
    return Error(ErrorCode::kPayloadTooLarge,
                 "图片不能超过 " + std::to_string(options_.max_bytes / 1000000) + " MB");
  }
  auto type = SniffImageType(bytes);
  if (!type) {
    return Error(ErrorCode::kUnsupportedMedia, "只接受 JPEG、PNG 或 WebP 图片（按文件内容判断）");
  }
  content_type = *type;
  return Status::Ok();
}

Status AttachmentStore::WriteFile(const std::string& sha256, std::string_view bytes) const {
  fs::path target = PathOf(sha256);
  std::error_code ec;
  if (fs::exists(target, ec) && fs::file_size(target, ec) == bytes.size()) return Status::Ok();
  fs::create_directories(target.parent_path(), ec);
  if (ec)
    return Error::Internal("cannot create " + target.parent_path().string() + ": " + ec.message());
  fs::path tmp = target;
  tmp += ".tmp" + RandomHex(6);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      fs::remove(tmp, ec);
      return Error::Internal("cannot write " + tmp.string());
    }
  }
  fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return Error::Internal("cannot rename into " + target.string());
  }
  return Status::Ok();
}

Result<Attachment> AttachmentStore::Insert(Attachment a,
                                           const std::optional<std::string>& token_hash) {
  GL_RETURN_IF_ERROR(db_.RunInTransaction([&](soci::session& sql) -> Status {
    long long by = a.uploaded_by.value_or(0);
    soci::indicator by_ind = a.uploaded_by ? soci::i_ok : soci::i_null;
    std::string hash = token_hash.value_or("");
    soci::indicator hash_ind = token_hash ? soci::i_ok : soci::i_null;
    long long id = a.id, size = a.size, created = a.created_at;
    sql << "INSERT INTO case_attachments (id, sha256, content_type, name, size, case_id,"
           " uploaded_by, public_token_hash, created_at) VALUES (:id, :sha, :type, :name, :size,"
           " NULL, :by, :hash, :created)",
        soci::use(id), soci::use(a.sha256), soci::use(a.content_type), soci::use(a.name),
        soci::use(size), soci::use(by, by_ind), soci::use(hash, hash_ind), soci::use(created);
    return Status::Ok();
  }));
  return a;
}

Result<Attachment> AttachmentStore::Put(std::string_view bytes, std::string name,
                                        std::optional<Id> uploaded_by) {
  Attachment a;
  GL_RETURN_IF_ERROR(Check(bytes, a.content_type));
  a.id = NewId();
  a.sha256 = Sha256Hex(bytes);
  if (name.size() > 200) name.resize(200);
  a.name = name.empty() ? a.sha256.substr(0, 12) : std::move(name);
  a.size = static_cast<std::int64_t>(bytes.size());
  a.uploaded_by = uploaded_by;
  a.created_at = NowMs();
  GL_RETURN_IF_ERROR(WriteFile(a.sha256, bytes));
  return Insert(std::move(a), std::nullopt);
}

Result<std::pair<Attachment, std::string>> AttachmentStore::PutPublic(std::string_view bytes) {
  Attachment a;
  GL_RETURN_IF_ERROR(Check(bytes, a.content_type));
  a.id = NewId();
  a.sha256 = Sha256Hex(bytes);
  a.name = "photo-" + a.sha256.substr(0, 12);
  a.size = static_cast<std::int64_t>(bytes.size());
  a.created_at = NowMs();
  GL_RETURN_IF_ERROR(WriteFile(a.sha256, bytes));
  std::string token = RandomHex(16);
  GL_ASSIGN_OR_RETURN(Attachment stored, Insert(std::move(a), Blake2bHex(token)));
  return std::make_pair(std::move(stored), std::move(token));
}

Result<Attachment> AttachmentStore::Get(Id id) {
  return db_.Query([&](soci::session& sql) -> Result<Attachment> {
    auto a = FindAttachment(sql, id);
    if (!a) return Error::NotFound("没有这个附件");
    return *a;
  });
}

Result<std::string> AttachmentStore::ReadBytes(const Attachment& a) const {
  std::ifstream in(PathOf(a.sha256), std::ios::binary);
  if (!in) return Error::Internal("attachment file missing: " + PathOf(a.sha256).string());
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

}  // namespace gl::cases
