import { Module } from '@nestjs/common';
import { GeocoderClient } from './geocoder.client';
import { PlacesController } from './places.controller';
import { PlacesService } from './places.service';

@Module({ controllers: [PlacesController], providers: [PlacesService, GeocoderClient] })
export class PlacesModule {}
