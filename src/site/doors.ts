import type { Door } from '../catalog/schema';
import type { Locale } from '../i18n/locales';
import { localePath } from '../i18n/paths';
import { useTranslations } from '../i18n/translate';
import { isBuilt } from './sections';
import { isolateLtr, site } from './site';

export interface DoorView {
  text: string;
  /** Absent when the door is a phone call (booking before the booking page exists). */
  link?: { label: string; href: string; external: boolean; button: boolean };
  /** Set when the text shows contact details that are still example configuration, or a door from outside the seeds. */
  exampleNote?: string;
}

const external = (label: string, href: string) => ({ label, href, external: true, button: false });

/** How to go through a door, in words and with a link that works today. */
export function doorView(locale: Locale, door: Door): DoorView {
  const t = useTranslations(locale, 'content');
  const common = useTranslations(locale);
  switch (door.kind) {
    case 'book': {
      const text = t('door.book', { meeting: t(`meeting.${door.meetingType}`) });
      if (isBuilt('boka')) {
        return { text, link: { label: t('door.bookLink'), href: `${localePath(locale, 'boka')}?typ=${door.meetingType}&sprak=${locale}`, external: false, button: true } };
      }
      return {
        text: `${text} ${t('door.bookByPhone', { phone: isolateLtr(site.contact.phone) })}`,
        ...(site.contact.example ? { exampleNote: common('footer.exampleNotice') } : {}),
      };
    }
    case 'youth':
      return { text: t('door.youth'), link: { label: t('door.youthLink'), href: localePath(locale, 'jobbtorg-unga'), external: false, button: false } };
    case 'district':
      return { text: t('door.district'), link: external(t('door.districtLink'), site.otherDoors.district) };
    case 'arbetsformedlingen':
      return { text: t('door.arbetsformedlingen'), link: external(t('door.arbetsformedlingenLink'), site.otherDoors.arbetsformedlingen) };
    case 'forsakringskassan':
      return { text: t('door.forsakringskassan'), link: external(t('door.forsakringskassanLink'), site.otherDoors.forsakringskassan) };
    case 'vuxenutbildning':
      return { text: t('door.vuxenutbildning'), link: external(t('door.vuxenutbildningLink'), site.otherDoors.vuxenutbildning) };
    case 'business-advice':
      return {
        text: t('door.businessAdvice'),
        link: external(t('door.businessAdviceLink'), site.otherDoors.businessAdvice),
        exampleNote: common('toConfirm'),
      };
  }
}
