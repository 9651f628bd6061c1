/**
 * E-mail messages in the recipient's language, with the real content (the link, the decision),
 * not "sign in to read". Plain text only. Links are absolute, built from PUBLIC_ORIGIN.
 */
import type { AccountLocale } from '../auth/roles.ts';

/** The messages the site sends, with their parameters. */
export interface MessageParams {
  verify_email: { name: string; link: string };
  already_registered: { name: string; signInLink: string; resetLink: string };
  password_reset: { name: string; link: string; minutes: number };
  password_changed: { name: string; resetLink: string };
  org_reviewed: { name: string; orgName: string; verified: boolean; note: string };
  org_member_added: { name: string; orgName: string; link: string };
  org_invite: { orgName: string; signUpLink: string };
}

/** A kind of message. */
export type MessageKind = keyof MessageParams;

/** A rendered message. */
export interface RenderedMessage {
  subject: string;
  body: string;
}

type Templates = { [K in MessageKind]: (p: MessageParams[K]) => RenderedMessage };

const SIGNATURE: Record<AccountLocale, string> = {
  ja: '\n\n--\nささえあい日田（日田市の地域福祉サイト）\nこのメールに心当たりがない場合は、何もせずに削除してください。',
  en: '\n\n--\nSasaeai Hita (community welfare in Hita City)\nIf you did not expect this e-mail, you can simply delete it.',
  easy: '\n\n--\nささえあい日田（日田市の 福祉の サイト）\nこの メールに 心当たりが ない ときは、消して ください。',
};

const TEMPLATES: Record<AccountLocale, Templates> = {
  ja: {
    verify_email: ({ name, link }) => ({
      subject: 'メールアドレスの確認',
      body: `${name} 様\n\nささえあい日田への登録ありがとうございます。次のリンクを開き、「確認する」を押してメールアドレスを確認してください。\n\n${link}\n\nこのリンクは24時間有効です。`,
    }),
    already_registered: ({ name, signInLink, resetLink }) => ({
      subject: 'すでにアカウントがあります',
      body: `${name} 様\n\nこのメールアドレスで新しく登録しようとする操作がありましたが、このアドレスのアカウントはすでにあります。新しいアカウントは作っていません。\n\nログイン: ${signInLink}\nパスワードを忘れた場合: ${resetLink}`,
    }),
    password_reset: ({ name, link, minutes }) => ({
      subject: 'パスワードの再設定',
      body: `${name} 様\n\nパスワード再設定の依頼を受け付けました。次のリンクから新しいパスワードを設定してください。\n\n${link}\n\nこのリンクは${minutes}分間、1回だけ使えます。依頼していない場合は、このメールを削除してください。パスワードは変わりません。`,
    }),
    password_changed: ({ name, resetLink }) => ({
      subject: 'パスワードが変更されました',
      body: `${name} 様\n\nあなたのアカウントのパスワードが変更され、ほかの端末のログインは終了しました。\n\n変更に心当たりがない場合は、すぐに次のリンクからパスワードを再設定し、社会福祉協議会にご連絡ください。\n${resetLink}`,
    }),
    org_reviewed: ({ name, orgName, verified, note }) => ({
      subject: verified ? `「${orgName}」の登録が確認されました` : `「${orgName}」の登録について`,
      body: verified
        ? `${name} 様\n\n団体「${orgName}」の登録をコーディネーターが確認しました。今日から団体として活動を掲載できます。${note ? `\n\nコーディネーターから: ${note}` : ''}`
        : `${name} 様\n\n団体「${orgName}」の登録は、今回は確認できませんでした。${note ? `\n\n理由: ${note}` : ''}\n\nご不明な点は社会福祉協議会にお問い合わせください。`,
    }),
    org_member_added: ({ name, orgName, link }) => ({
      subject: `「${orgName}」のメンバーになりました`,
      body: `${name} 様\n\n団体「${orgName}」のメンバーに追加されました。団体のページ: ${link}`,
    }),
    org_invite: ({ orgName, signUpLink }) => ({
      subject: `「${orgName}」から招待が届いています`,
      body: `団体「${orgName}」が、ささえあい日田であなたをメンバーに加えようとしています。\n\nまず次のリンクからアカウントを作り、団体の担当者にもう一度追加を依頼してください。\n${signUpLink}`,
    }),
  },
  en: {
    verify_email: ({ name, link }) => ({
      subject: 'Confirm your e-mail address',
      body: `Dear ${name},\n\nThank you for registering with Sasaeai Hita. Open this link and press "Confirm" to confirm your e-mail address:\n\n${link}\n\nThe link works for 24 hours.`,
    }),
    already_registered: ({ name, signInLink, resetLink }) => ({
      subject: 'You already have an account',
      body: `Dear ${name},\n\nSomeone tried to register with this e-mail address, but an account with this address already exists. No new account was created.\n\nSign in: ${signInLink}\nForgot your password? ${resetLink}`,
    }),
    password_reset: ({ name, link, minutes }) => ({
      subject: 'Reset your password',
      body: `Dear ${name},\n\nWe received a request to reset your password. Set a new password here:\n\n${link}\n\nThe link works once, for ${minutes} minutes. If you did not ask for this, delete this e-mail; your password stays the same.`,
    }),
    password_changed: ({ name, resetLink }) => ({
      subject: 'Your password was changed',
      body: `Dear ${name},\n\nThe password of your account was changed, and your other devices were signed out.\n\nIf you did not do this, reset your password now and contact the Social Welfare Council:\n${resetLink}`,
    }),
    org_reviewed: ({ name, orgName, verified, note }) => ({
      subject: verified ? `"${orgName}" has been verified` : `About the registration of "${orgName}"`,
      body: verified
        ? `Dear ${name},\n\nA coordinator verified the organisation "${orgName}". From today you can post activities as this organisation.${note ? `\n\nNote from the coordinator: ${note}` : ''}`
        : `Dear ${name},\n\nWe could not verify the organisation "${orgName}" this time.${note ? `\n\nReason: ${note}` : ''}\n\nPlease contact the Social Welfare Council with any questions.`,
    }),
    org_member_added: ({ name, orgName, link }) => ({
      subject: `You are now a member of "${orgName}"`,
      body: `Dear ${name},\n\nYou were added as a member of the organisation "${orgName}". Its page: ${link}`,
    }),
    org_invite: ({ orgName, signUpLink }) => ({
      subject: `An invitation from "${orgName}"`,
      body: `The organisation "${orgName}" would like to add you as a member on Sasaeai Hita.\n\nFirst create an account here, then ask the organisation to add you again:\n${signUpLink}`,
    }),
  },
  easy: {
    verify_email: ({ name, link }) => ({
      subject: 'メールアドレスの 確認',
      body: `${name} さん\n\nささえあい日田に 登録して くれて ありがとう ございます。下の リンクを 開いて、「確認する」を おして ください。\n\n${link}\n\nこの リンクは 24時間 使えます。`,
    }),
    already_registered: ({ name, signInLink, resetLink }) => ({
      subject: 'もう アカウントが あります',
      body: `${name} さん\n\nこの メールアドレスで 新しく 登録しようと しましたが、アカウントは もう あります。新しい アカウントは 作って いません。\n\nログイン: ${signInLink}\nパスワードを 忘れた とき: ${resetLink}`,
    }),
    password_reset: ({ name, link, minutes }) => ({
      subject: 'パスワードを 作り直す',
      body: `${name} さん\n\n下の リンクから 新しい パスワードを 決めて ください。\n\n${link}\n\nこの リンクは ${minutes}分の 間に 1回だけ 使えます。たのんで いない ときは、この メールを 消して ください。パスワードは 変わりません。`,
    }),
    password_changed: ({ name, resetLink }) => ({
      subject: 'パスワードが 変わりました',
      body: `${name} さん\n\nあなたの パスワードが 変わりました。ほかの スマートフォンや パソコンでは ログアウト しました。\n\nあなたが 変えて いない ときは、すぐに 下の リンクから パスワードを 作り直して、社会福祉協議会に 連絡して ください。\n${resetLink}`,
    }),
    org_reviewed: ({ name, orgName, verified, note }) => ({
      subject: verified ? `「${orgName}」の 登録が 確認 されました` : `「${orgName}」の 登録に ついて`,
      body: verified
        ? `${name} さん\n\n「${orgName}」の 登録を 確認 しました。今日から 団体として 活動を のせる ことが できます。${note ? `\n\nコーディネーターから: ${note}` : ''}`
        : `${name} さん\n\n「${orgName}」の 登録は 今回は 確認 できませんでした。${note ? `\n\nわけ: ${note}` : ''}\n\nわからない ことは 社会福祉協議会に 聞いて ください。`,
    }),
    org_member_added: ({ name, orgName, link }) => ({
      subject: `「${orgName}」の メンバーに なりました`,
      body: `${name} さん\n\n「${orgName}」の メンバーに なりました。団体の ページ: ${link}`,
    }),
    org_invite: ({ orgName, signUpLink }) => ({
      subject: `「${orgName}」から さそいが 来て います`,
      body: `「${orgName}」が、あなたを メンバーに したいと 思って います。\n\nまず 下の リンクから アカウントを 作って、団体の 人に もう一度 たのんで ください。\n${signUpLink}`,
    }),
  },
};

/** Render a message in a locale, with the site signature. */
export function renderMessage<K extends MessageKind>(
  kind: K,
  locale: AccountLocale,
  params: MessageParams[K],
): RenderedMessage {
  const template = TEMPLATES[locale][kind] as (p: MessageParams[K]) => RenderedMessage;
  const message = template(params);
  const prefix = locale === 'en' ? '[Sasaeai Hita] ' : '【ささえあい日田】';
  return { subject: `${prefix}${message.subject}`, body: `${message.body}${SIGNATURE[locale]}` };
}
