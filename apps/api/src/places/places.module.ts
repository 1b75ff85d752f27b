import { Module } from '@nestjs/common';
import { AirportsController } from './airports.controller';
import { GeocoderClient } from './geocoder.client';
import { PlacesController } from './places.controller';
import { PlacesService } from './places.service';

@Module({ controllers: [PlacesController, AirportsController], providers: [PlacesService, GeocoderClient] })
export class PlacesModule {}
