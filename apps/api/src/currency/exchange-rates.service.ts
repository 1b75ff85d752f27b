import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { DomainError } from '../common/errors/domain-error';
import { CurrencyErrorCode } from '../common/errors/error-codes';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { MoneyConverter } from '../policy/policy-subject';
import { convertToCents, crossRate, formatCents } from './decimal';
import { ExchangeRateDto, ExchangeRateResponse, ExchangeRatesResponse } from './dto/exchange-rate.dto';
import { fetchEcbDaily } from './ecb-feed';
import { BASE_CURRENCY, ECB_SNAPSHOT } from './ecb-snapshot';
import { ExchangeRatesRepository } from './exchange-rates.repository';

const ECB_FEED_SOURCE = 'ECB euro foreign exchange reference rates (eurofxref-daily)';

/** A conversion factor: 1 unit of one currency = `rate` units of another, from rates of `date`. */
export interface Conversion {
  rate: string;
  /** The day of the oldest rate involved; null when nothing was converted. */
  date: string | null;
}

/**
 * Exchange rates per organization: its own recorded rates (PUT, or refreshed from the ECB) over
 * the bundled ECB snapshot. Every rate is per 1 EUR; other pairs are crossed through EUR.
 */
@Injectable()
export class ExchangeRatesService {
  constructor(
    private readonly rates: ExchangeRatesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(ctx: AuthContext): Promise<ExchangeRatesResponse> {
    const merged = new Map<string, ExchangeRateResponse>();
    for (const [currency, rate] of Object.entries(ECB_SNAPSHOT.rates)) {
      merged.set(currency, { currency, rate, date: ECB_SNAPSHOT.date, source: ECB_SNAPSHOT.source });
    }
    for (const own of await this.rates.list(ctx)) {
      merged.set(own.currency, {
        currency: own.currency,
        rate: trimZeros(own.rate),
        date: own.rateDate,
        source: own.source,
      });
    }
    return { base: BASE_CURRENCY, items: [...merged.values()].sort((a, b) => a.currency.localeCompare(b.currency)) };
  }

  async set(ctx: AuthContext, rates: ExchangeRateDto[]): Promise<ExchangeRatesResponse> {
    const byCurrency = new Map(rates.map((rate) => [rate.currency, rate]));
    if (byCurrency.size !== rates.length)
      throw new DomainError(CurrencyErrorCode.ExchangeRateDuplicate, 'Each currency may appear once');
    await this.rates.upsert(
      ctx,
      rates.map(({ currency, rate, date, source }) => ({ currency, rate, rateDate: date, source })),
    );
    return this.list(ctx);
  }

  /** Records the ECB's current reference rates for the caller's organization (503 when unreachable). */
  async refresh(ctx: AuthContext): Promise<ExchangeRatesResponse> {
    const { date, rates } = await fetchEcbDaily(this.config.exchangeRates.ecbUrl, this.config.exchangeRates.timeoutMs);
    await this.rates.upsert(
      ctx,
      Object.entries(rates).map(([currency, rate]) => ({ currency, rate, rateDate: date, source: ECB_FEED_SOURCE })),
    );
    return this.list(ctx);
  }

  /** How to convert each of `currencies` into `target`; 422 naming any currency without a rate. */
  async conversions(ctx: AuthContext, currencies: string[], target: string): Promise<Map<string, Conversion>> {
    const foreign = [...new Set(currencies)].filter((currency) => currency !== target);
    const needed = foreign.length ? [...foreign, target].filter((currency) => currency !== BASE_CURRENCY) : [];
    const perEuro = await this.perEuro(ctx, needed);
    const missing = needed.filter((currency) => !perEuro.has(currency));
    if (missing.length) {
      throw new DomainError(
        CurrencyErrorCode.ExchangeRateMissing,
        `No exchange rate for ${missing.join(', ')}: costs are converted into the trip's budget currency, so an admin must record a rate first (PUT /api/exchange-rates)`,
      );
    }
    // EUR, the base, is 1 per EUR; a currency into itself needs no rate at all.
    const identity: Conversion = { rate: '1', date: null };
    const to = perEuro.get(target) ?? identity;
    return new Map(
      currencies.map((currency) => {
        if (currency === target) return [currency, identity];
        const from = perEuro.get(currency) ?? identity;
        const dates = [from.date, to.date].filter((date): date is string => date !== null).sort();
        return [currency, { rate: crossRate(from.rate, to.rate), date: dates[0] ?? null }];
      }),
    );
  }

  async conversion(ctx: AuthContext, currency: string, target: string): Promise<Conversion> {
    return (await this.conversions(ctx, [currency], target)).get(currency)!;
  }

  /**
   * A policy converter for amounts in `currencies` into `target` at the organization's rates (422
   * EXCHANGE_RATE_MISSING without one), rates read once: a search judges hundreds of prices with it.
   */
  async converter(ctx: AuthContext, currencies: string[], target: string): Promise<MoneyConverter> {
    const conversions = await this.conversions(ctx, currencies, target);
    return (money) => {
      const conversion = conversions.get(money.currency);
      if (!conversion) throw new Error(`No conversion prepared from ${money.currency} into ${target}`);
      return formatCents(convertToCents(money.amount, conversion.rate));
    };
  }

  /** Units per 1 EUR of each currency that has a rate: the organization's own, else the snapshot's. */
  private async perEuro(ctx: AuthContext, currencies: string[]): Promise<Map<string, { rate: string; date: string }>> {
    const result = new Map<string, { rate: string; date: string }>();
    for (const currency of currencies) {
      const rate = ECB_SNAPSHOT.rates[currency];
      if (rate) result.set(currency, { rate, date: ECB_SNAPSHOT.date });
    }
    if (currencies.length > 0) {
      for (const own of await this.rates.list(ctx, currencies))
        result.set(own.currency, { rate: own.rate, date: own.rateDate });
    }
    return result;
  }
}

/** `1.147600000000` → `1.1476` (numeric(24,12) pads; clients want the rate as it was given). */
function trimZeros(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}
